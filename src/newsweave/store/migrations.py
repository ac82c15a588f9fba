"""Versioned schema migrations for the SQLite store, applied in order, each in a transaction.

``PRAGMA user_version`` holds the number of migrations applied. Never edit a released
migration: append a new one.
"""

MIGRATIONS: tuple[str, ...] = (
    # 1: articles with their sentences and removed lines, rejections, runs.
    """
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        source TEXT, url TEXT, path TEXT, locator TEXT, format TEXT NOT NULL,
        title TEXT, published TEXT, language TEXT NOT NULL, author TEXT, dateline TEXT,
        text TEXT NOT NULL,
        run_id INTEGER NOT NULL REFERENCES runs(id),
        ingested_at TEXT NOT NULL
    );
    CREATE INDEX articles_source ON articles(source);
    CREATE INDEX articles_published ON articles(published);
    CREATE TABLE sentences (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        position INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
        language TEXT NOT NULL,
        PRIMARY KEY (article_id, position)
    ) WITHOUT ROWID;
    CREATE TABLE removed_lines (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        position INTEGER NOT NULL, text TEXT NOT NULL, reason TEXT NOT NULL,
        PRIMARY KEY (article_id, position)
    ) WITHOUT ROWID;
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL, finished_at TEXT,
        status TEXT NOT NULL, pid INTEGER, inputs TEXT NOT NULL,
        stored INTEGER NOT NULL DEFAULT 0, duplicates INTEGER NOT NULL DEFAULT 0,
        rejected INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE run_articles (
        run_id INTEGER NOT NULL REFERENCES runs(id),
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        PRIMARY KEY (run_id, article_id)
    ) WITHOUT ROWID;
    CREATE TABLE rejections (
        id INTEGER PRIMARY KEY,
        run_id INTEGER NOT NULL REFERENCES runs(id),
        path TEXT, locator TEXT, stage TEXT NOT NULL, reason TEXT NOT NULL, article_id TEXT,
        created_at TEXT NOT NULL
    );
    CREATE UNIQUE INDEX rejections_once
        ON rejections(run_id, ifnull(path, ''), ifnull(locator, ''), stage, reason);
    -- How many of an outlet's articles hold each line: lines held by many are furniture.
    CREATE TABLE source_lines (
        source TEXT NOT NULL, line_key INTEGER NOT NULL, articles INTEGER NOT NULL,
        PRIMARY KEY (source, line_key)
    ) WITHOUT ROWID;
    """,
    # 2: the reuse graph, its evidence, and the sentence vectors it was computed from.
    """
    CREATE TABLE reuse_edges (
        source TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        target TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        kind TEXT NOT NULL, coverage REAL NOT NULL, direction TEXT NOT NULL,
        evidence TEXT NOT NULL,
        PRIMARY KEY (source, target)
    ) WITHOUT ROWID;
    CREATE INDEX reuse_edges_target ON reuse_edges(target);
    -- Articles whose pairs with every earlier article have been compared.
    CREATE TABLE reuse_done (
        article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE
    ) WITHOUT ROWID;
    CREATE TABLE sentence_vectors (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        model TEXT NOT NULL, dim INTEGER NOT NULL, vectors BLOB NOT NULL,
        PRIMARY KEY (article_id, model)
    ) WITHOUT ROWID;
    """,
    # 3: lead vectors for story clustering (headline and first characters, one per article).
    """
    CREATE TABLE lead_vectors (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        model TEXT NOT NULL, vector BLOB NOT NULL,
        PRIMARY KEY (article_id, model)
    ) WITHOUT ROWID;
    """,
    # 4: each stage of a run (ingest, analysis, outputs) with its own status and counts; a run's
    # own counts are kept up to date batch by batch from here on.
    """
    CREATE TABLE run_stages (
        run_id INTEGER NOT NULL REFERENCES runs(id),
        stage TEXT NOT NULL,
        status TEXT NOT NULL,
        started_at TEXT NOT NULL, finished_at TEXT,
        counts TEXT NOT NULL DEFAULT '{}',
        PRIMARY KEY (run_id, stage)
    ) WITHOUT ROWID;
    """,
    # 5 (watch): the feeds followed, with their polling state; the items already read, so an
    # item is read once whichever feeds list it; versions: an article whose text changed later
    # (same URL) links to the one it replaces; and the alerts fired.
    """
    CREATE TABLE feeds (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,  -- where it is polled (a 301 or 308 moves it for good)
        given_url TEXT NOT NULL UNIQUE,  -- as the user gave it: SOURCES name feeds by it
        title TEXT,
        state TEXT NOT NULL DEFAULT 'ok',  -- ok, waiting, failing, dead, gone
        next_check REAL,  -- unix time; NULL: never again (410 Gone)
        interval REAL NOT NULL,  -- seconds between checks while it is well
        last_checked REAL, last_status TEXT, last_error TEXT, last_new_item REAL,
        etag TEXT, last_modified TEXT, body_hash TEXT,
        errors INTEGER NOT NULL DEFAULT 0,  -- failures in a row
        failing_since REAL,
        added_at REAL NOT NULL
    );
    CREATE INDEX feeds_due ON feeds(next_check);
    CREATE TABLE feed_items (
        key TEXT PRIMARY KEY,  -- the item's link, else its guid
        feed_id INTEGER NOT NULL REFERENCES feeds(id),
        item_hash TEXT NOT NULL,  -- of what the feed says about it: a change is read again
        article_id TEXT REFERENCES articles(id) ON DELETE SET NULL,  -- NULL: it was rejected
        attempts INTEGER NOT NULL DEFAULT 1,  -- reads so far (a rejected item is read again)
        seen_at REAL NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE article_versions (
        article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        previous_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        url TEXT NOT NULL,
        created_at TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX article_versions_previous ON article_versions(previous_id);
    -- Alerts fired (watch --alerts): each rule fires once per article or story.
    CREATE TABLE alerts_fired (
        rule TEXT NOT NULL, key TEXT NOT NULL, fired_at TEXT NOT NULL,
        PRIMARY KEY (rule, key)
    ) WITHOUT ROWID;
    """,
    # 6: stories as the last analysis saw them (a partition of the articles it grouped), their
    # members with their origins, and their quotes by speaker, for `newsweave serve`.
    """
    CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        title TEXT, first TEXT, last TEXT,
        sort_last TEXT NOT NULL,  -- last, or '' without dates: the key of the 'latest' order
        articles INTEGER NOT NULL, independent_origins INTEGER NOT NULL,
        languages TEXT NOT NULL,  -- JSON list
        story TEXT NOT NULL,      -- the story object of stories.json
        saved_at TEXT NOT NULL
    );
    CREATE INDEX stories_latest ON stories(sort_last, id);
    CREATE INDEX stories_origins ON stories(independent_origins, sort_last, id);
    CREATE INDEX stories_size ON stories(articles, sort_last, id);
    CREATE TABLE story_articles (
        article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        origin TEXT NOT NULL,          -- the id of the origin it carries
        is_origin INTEGER NOT NULL     -- 1: the earliest article of its origin
    ) WITHOUT ROWID;
    CREATE INDEX story_articles_story ON story_articles(story_id, position);
    CREATE TABLE story_quotes (
        story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        quote_group TEXT NOT NULL, speaker TEXT NOT NULL, speaker_key TEXT NOT NULL,
        article_id TEXT NOT NULL, language TEXT NOT NULL, kind TEXT NOT NULL,
        first INTEGER NOT NULL, text TEXT NOT NULL,
        PRIMARY KEY (story_id, position)
    ) WITHOUT ROWID;
    CREATE INDEX story_quotes_speaker ON story_quotes(speaker_key);
    CREATE INDEX articles_ingested ON articles(ingested_at, id);
    CREATE INDEX articles_language ON articles(language);
    -- Covers the outlet list (count, languages, first and last by outlet): 464 -> 35 ms on 100k.
    CREATE INDEX articles_outlet ON articles(source, language, published);
    -- The article list's date filter compares publication times in UTC (an ISO time with an
    -- offset is turned to UTC by datetime()): 235 -> 18 ms on 100k.
    CREATE INDEX articles_published_utc ON articles(datetime(published));
    """,
    # 7: full-text search over every article's title and text (folded: see store/search.py).
    # Contentless: the text lives in `articles`; `search_rows` gives each article a stable
    # integer id for the index (the rowid of `articles` may change on VACUUM).
    """
    CREATE TABLE search_rows (
        id INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL UNIQUE REFERENCES articles(id) ON DELETE CASCADE
    );
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, content='', tokenize='unicode61 remove_diacritics 2'
    );
    INSERT INTO search_rows(article_id) SELECT id FROM articles ORDER BY ingested_at, id;
    INSERT INTO articles_fts(rowid, title, text)
        SELECT s.id, newsweave_index_text(a.title), newsweave_index_text(a.text)
        FROM search_rows s JOIN articles a ON a.id = s.article_id;
    """,
    # 8 (incremental analysis): merges of saved stories (the older id is kept; the other is
    # recorded here); per-language sums of lead vectors, so centring needs no pass over every
    # vector (ready: the sums of that model cover every stored vector); and the reuse blocking
    # keys (LSH bands, passage anchors, names) of articles, so a batch finds its candidates by
    # index lookups instead of sketching every stored article again.
    """
    CREATE TABLE story_merges (
        old_id TEXT NOT NULL, into_id TEXT NOT NULL, at TEXT NOT NULL,
        PRIMARY KEY (old_id, into_id)
    ) WITHOUT ROWID;
    CREATE INDEX story_merges_into ON story_merges(into_id);
    CREATE TABLE lead_sums (
        model TEXT NOT NULL, language TEXT NOT NULL,
        count INTEGER NOT NULL, total BLOB NOT NULL,  -- float64 sum of the float16 vectors
        PRIMARY KEY (model, language)
    ) WITHOUT ROWID;
    CREATE TABLE lead_sums_ready (model TEXT PRIMARY KEY) WITHOUT ROWID;
    CREATE TABLE reuse_keys (
        key INTEGER NOT NULL, article_id TEXT NOT NULL,
        PRIMARY KEY (key, article_id)
    ) WITHOUT ROWID;
    CREATE TABLE reuse_keyed (
        article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE
    ) WITHOUT ROWID;
    """,
)
