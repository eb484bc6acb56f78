-- The competency model: versioned frameworks (CASE CFDocument), their domains and competencies (CFItem),
-- behavioural indicators per level (CFRubric), associations (CFAssociation) and position profiles.

CREATE TABLE frameworks (
    id             uuid PRIMARY KEY,             -- this version's CFDocument identifier
    lineage_id     uuid NOT NULL,                -- shared by every version of one model
    previous_id    uuid REFERENCES frameworks (id),
    version        text NOT NULL,
    status         text NOT NULL CHECK (status IN ('draft', 'published', 'retired')),
    title_cs       text NOT NULL,
    title_en       text NOT NULL DEFAULT '',
    description_cs text NOT NULL DEFAULT '',
    description_en text NOT NULL DEFAULT '',
    publisher      text NOT NULL DEFAULT '',
    language       text NOT NULL DEFAULT 'cs',
    published_on   date,
    source         text NOT NULL CHECK (source IN ('shipped', 'import', 'draft')),
    content_hash   text NOT NULL DEFAULT '',    -- of the shipped file or imported package: identical input is left alone
    case_extra     jsonb,                       -- CFDocument fields rozvoj does not use, kept for export
    revision       integer NOT NULL DEFAULT 1,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL
);
CREATE INDEX frameworks_lineage_idx ON frameworks (lineage_id, status);

CREATE TABLE framework_items (
    framework_id   uuid NOT NULL REFERENCES frameworks (id) ON DELETE CASCADE,
    id             uuid NOT NULL,               -- same identifier in every version = the same competency
    parent_id      uuid,                        -- isChildOf within the framework; null for top-level items
    seq            integer NOT NULL,            -- sequenceNumber among its siblings
    kind           text NOT NULL CHECK (kind IN ('domain', 'competency', 'other')),
    item_type      text NOT NULL DEFAULT '',    -- CFItemType as published
    code           text NOT NULL DEFAULT '',    -- humanCodingScheme, e.g. K3.2
    name_cs        text NOT NULL,
    name_en        text NOT NULL DEFAULT '',
    description_cs text NOT NULL DEFAULT '',
    description_en text NOT NULL DEFAULT '',
    search_text    text NOT NULL DEFAULT '',
    case_extra     jsonb,
    PRIMARY KEY (framework_id, id)
);
CREATE INDEX framework_items_parent_idx ON framework_items (framework_id, parent_id, seq);

CREATE TABLE competency_indicators (
    framework_id  uuid NOT NULL,
    competency_id uuid NOT NULL,
    level         smallint NOT NULL CHECK (level BETWEEN 1 AND 4),
    seq           integer NOT NULL,
    text_cs       text NOT NULL,
    text_en       text NOT NULL DEFAULT '',
    PRIMARY KEY (framework_id, competency_id, level, seq),
    FOREIGN KEY (framework_id, competency_id) REFERENCES framework_items (framework_id, id) ON DELETE CASCADE
);

-- Associations other than the tree (exactMatchOf, isRelatedTo, …); either end may lie outside the framework.
CREATE TABLE framework_associations (
    framework_id uuid NOT NULL REFERENCES frameworks (id) ON DELETE CASCADE,
    id           uuid NOT NULL,
    type         text NOT NULL,
    origin       jsonb NOT NULL,                -- CASE LinkURI: identifier, uri, title
    destination  jsonb NOT NULL,
    seq          integer,
    case_extra   jsonb,
    PRIMARY KEY (framework_id, id)
);

-- The expected level of each competency for a position (profil pozice); a region may refine the national one.
CREATE TABLE position_profiles (
    id           uuid PRIMARY KEY,
    framework_id uuid NOT NULL REFERENCES frameworks (id),
    position_id  uuid NOT NULL REFERENCES positions (id),
    region_code  text,                          -- null: the national profile
    revision     integer NOT NULL DEFAULT 1,
    updated_at   timestamptz NOT NULL,
    updated_by   uuid REFERENCES users (id)
);
CREATE UNIQUE INDEX position_profiles_scope_idx ON position_profiles (framework_id, position_id, COALESCE(region_code, ''));

CREATE TABLE profile_levels (
    profile_id    uuid NOT NULL REFERENCES position_profiles (id) ON DELETE CASCADE,
    competency_id uuid NOT NULL,
    level         smallint CHECK (level BETWEEN 1 AND 4), -- null: not applicable to the position
    PRIMARY KEY (profile_id, competency_id)
);
