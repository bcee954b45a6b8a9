-- 002_site_search.sql — what the site list (libpvi/src/db/site_list.c) searches and sorts
-- on, kept on the sites row itself so that a page of the list reads one table through
-- its indexes (70,000 sites: no scan of a big table, keyset paging).
--
-- The list shows and searches a site's working content: its published revision once it
-- has one, its draft before (pvi_site_list.h). Three columns follow that content:
--   city      the address's city, shown in the list;
--   name_key  the business name folded (lower case, no accents): the name sort, so that
--             "Élise" sorts with "elise" whatever the database's collation;
--   search    one folded text holding the business name, slug, city, domains, phones
--             (E.164, as the content stores them), customer number and SIRET: the search
--             box is one LIKE '%…%' on it, through a trigram index.
-- libpvi writes them in the same statement as every write of a site's revisions or name:
-- the optimistic store of site_row.c (edits, restores, transitions, change-request
-- decisions, closing), the creation of site.c and the bulk loader of bulk_rows.c, each
-- through pvi_site_search_of / pvi_site_search_values below (one definition).

CREATE EXTENSION IF NOT EXISTS unaccent;

-- How the list compares texts: lower case, without accents. (unaccent is STABLE because
-- its dictionary could change; with the dictionary named it gives the same answer for
-- the same text, which is what an index and a stored column need.)
CREATE FUNCTION pvi_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN lower(public.unaccent('public.unaccent'::regdictionary, coalesce(t, '')));

-- The lifecycle order of the states (enum pvi_site_state): the state sort.
CREATE FUNCTION pvi_site_state_rank(state text) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN array_position(ARRAY['ordered', 'collecting', 'review', 'online', 'suspended', 'closed'], state);

-- The three columns from a content document and the site's and client's identifiers.
CREATE FUNCTION pvi_site_search_values(content jsonb, business_name text, slug text,
                                       customer_number text, siret text,
                                       OUT city text, OUT name_key text, OUT search text)
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(content #>> '{address,city}', ''),
         pvi_fold(business_name),
         concat_ws(' ', pvi_fold(business_name), slug, pvi_fold(content #>> '{address,city}'),
           (SELECT string_agg(pvi_fold(d), ' ')
              FROM jsonb_array_elements_text(CASE jsonb_typeof(content -> 'domains')
                                             WHEN 'array' THEN content -> 'domains' ELSE '[]' END) d),
           (SELECT string_agg(p ->> 'number', ' ')
              FROM jsonb_array_elements(CASE jsonb_typeof(content -> 'phones')
                                        WHEN 'array' THEN content -> 'phones' ELSE '[]' END) p),
           lower(customer_number), siret)
$$;

-- The same for a site being written: its working revision (published, else draft), its
-- name, slug and client.
CREATE FUNCTION pvi_site_search_of(revision_id bigint, business_name text, slug text,
                                   client_id bigint,
                                   OUT city text, OUT name_key text, OUT search text)
  LANGUAGE sql STABLE AS $$
  SELECT v.city, v.name_key, v.search
    FROM clients c
    LEFT JOIN site_revisions r ON r.id = revision_id
    CROSS JOIN LATERAL pvi_site_search_values(r.content, business_name, slug,
                                              c.customer_number, c.siret) v
   WHERE c.id = client_id
$$;

ALTER TABLE sites
  ADD COLUMN city text NOT NULL DEFAULT '',
  ADD COLUMN name_key text NOT NULL DEFAULT '',
  ADD COLUMN search text NOT NULL DEFAULT '';
COMMENT ON COLUMN sites.search IS 'Folded text of the working content''s name, city, domains, phones and the slug, customer number and SIRET (the site list''s search); written by libpvi with every write of the site.';

UPDATE sites s SET (city, name_key, search) =
  (SELECT v.city, v.name_key, v.search
     FROM pvi_site_search_of(coalesce(s.published_revision_id, s.draft_revision_id),
                             s.business_name, s.slug, s.client_id) v);

CREATE INDEX sites_search_trgm ON sites USING gin (search gin_trgm_ops);
CREATE INDEX sites_name_key ON sites (name_key, id);
CREATE INDEX sites_updated ON sites (updated_at, id);
CREATE INDEX sites_state_rank ON sites (pvi_site_state_rank(state), id);
