-- Proves that the testkit runs the migrations found on the test classpath.
create table probe (id int primary key, note text not null);
insert into probe values (1, 'migrated');
