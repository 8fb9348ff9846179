-- The scorecard in versions: a change never edits a version, it adds the next one, so every stored score can name
-- the version it was computed with.
create table scorecard (
    version     integer primary key,
    note        text,
    created_at  timestamptz not null default now()
);

create table scorecard_criterion (
    version           integer not null references scorecard (version),
    position          integer not null,
    name              text    not null,
    measure           text    not null,
    weight            numeric not null check (weight > 0 and weight <= 100),
    otherwise_points  numeric not null check (otherwise_points between 0 and 100),
    primary key (version, position)
);

-- Bands of a numeric criterion, ascending; a null up_to is the open-ended last band.
create table scorecard_band (
    version    integer not null,
    criterion  integer not null,
    position   integer not null,
    up_to      numeric,
    points     numeric not null check (points between 0 and 100),
    primary key (version, criterion, position),
    foreign key (version, criterion) references scorecard_criterion (version, position)
);

create table scorecard_category (
    version    integer not null,
    criterion  integer not null,
    value      text    not null,
    points     numeric not null check (points between 0 and 100),
    primary key (version, criterion, value),
    foreign key (version, criterion) references scorecard_criterion (version, position)
);

-- Version 1: a starting point a sales manager then adapts.
insert into scorecard (version, note) values (1, 'Starting scorecard');
insert into scorecard_criterion (version, position, name, measure, weight, otherwise_points) values
    (1, 1, 'Company size',     'COMPANY_SIZE',    3, 30),
    (1, 2, 'Budget coverage',  'BUDGET_COVERAGE', 3, 30),
    (1, 3, 'Time to close',    'DAYS_TO_CLOSE',   2, 30),
    (1, 4, 'Stage',            'STAGE',           2, 0),
    (1, 5, 'Partner on team',  'PARTNER_ON_TEAM', 1, 40),
    (1, 6, 'Competition',      'COMPETITORS',     2, 50),
    (1, 7, 'Resources at start', 'RESOURCE_AVAILABILITY', 2, 50);
insert into scorecard_band (version, criterion, position, up_to, points) values
    (1, 1, 1, 50, 20), (1, 1, 2, 250, 50), (1, 1, 3, 1000, 80), (1, 1, 4, null, 100),
    (1, 2, 1, 50, 10), (1, 2, 2, 80, 40), (1, 2, 3, 100, 70), (1, 2, 4, null, 100),
    (1, 3, 1, 0, 10), (1, 3, 2, 30, 100), (1, 3, 3, 90, 70), (1, 3, 4, 180, 40), (1, 3, 5, null, 20),
    (1, 6, 1, 1, 100), (1, 6, 2, 2, 70), (1, 6, 3, 4, 40), (1, 6, 4, null, 15);
insert into scorecard_category (version, criterion, value, points) values
    (1, 4, 'Prospecting', 10), (1, 4, 'Qualification', 30), (1, 4, 'Needs Analysis', 50), (1, 4, 'Proposal', 70),
    (1, 4, 'Negotiation', 90),
    (1, 5, 'yes', 100), (1, 5, 'no', 40),
    (1, 7, 'HIGH', 100), (1, 7, 'MEDIUM', 60), (1, 7, 'LOW', 20);
