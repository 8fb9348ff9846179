-- Runs in the plugin's own schema (the host sets it): no schema name needed.
create table note (
    id    serial primary key,
    text  text not null
);
insert into note (text) values ('created by migration V1');
