"""The views of `views.sql` in PostgreSQL's dialect, created in the load's schema.

What changed from DuckDB: the `span_text` macro is a SQL function (`<schema>.span_text(doc_id, start,
end)`); `try_cast(code AS INTEGER)` is a CASE over a digits-only pattern. Everything else (USING joins,
correlated sub-queries, `string_agg(DISTINCT … ORDER BY …)`, windows, `FILTER`, `NULLS LAST`) is the same
SQL. A test checks that both databases' views return the same rows.

CREATE OR REPLACE VIEW keeps a view's columns: it may only add new ones at the end. So a column is added
last (`deductions_by_agency.report_year`), and a schema loaded by an older version is replaced in place.
"""

from __future__ import annotations

from psycopg import sql

VIEWS = ("deductions_by_agency", "field_scores", "open_findings")

_SQL = """
CREATE OR REPLACE FUNCTION {schema}.span_text(document_id TEXT, from_offset BIGINT, to_offset BIGINT)
RETURNS TEXT LANGUAGE sql STABLE AS $body$
    SELECT substr(string_agg(b.text, chr(10) || chr(10) ORDER BY b.text_start),
                  (from_offset - min(b.text_start) + 1)::INTEGER, (to_offset - from_offset)::INTEGER)
    FROM {schema}.blocks b
    WHERE b.doc_id = document_id AND b.text_start < to_offset AND b.text_end > from_offset
$body$;

CREATE OR REPLACE VIEW {schema}.deductions_by_agency AS
WITH present_documents AS (
    SELECT doc_id, locality, report_year FROM {schema}.documents WHERE present AND status = 'ok'
),
losses AS (
    SELECT s.doc_id, d.locality, coalesce(s.year, d.report_year) AS year, s.code,
           coalesce(s.deducted_points, s.max_points - s.achieved_points) AS points_lost
    FROM {schema}.scores s JOIN present_documents d USING (doc_id)
    WHERE s.code IS NOT NULL
),
action_losses AS (
    SELECT a.row_key, a.doc_id, d.locality, d.report_year, a.code, a.deadline_end, a.deadline_text,
           coalesce(
               (SELECT max(l.points_lost) FROM losses l
                 WHERE l.doc_id = a.doc_id AND l.code = a.code
                   AND (l.year = d.report_year OR d.report_year IS NULL)),
               (SELECT max(l.points_lost) FROM losses l
                 WHERE l.doc_id <> a.doc_id AND l.locality = d.locality AND l.year = d.report_year
                   AND l.code = a.code)
           ) AS points_lost
    FROM {schema}.actions a JOIN present_documents d USING (doc_id)
),
lead_actions AS (
    SELECT al.locality, al.report_year, coalesce(g.canonical, g.text) AS agency, al.deadline_end,
           al.deadline_text, al.code, al.row_key, al.doc_id,
           max(al.points_lost) OVER same_code AS code_points_lost,
           row_number() OVER same_code AS code_row
    FROM action_losses al
    LEFT JOIN {schema}.agencies g ON g.action_key = al.row_key AND g.role = 'lead'
    WINDOW same_code AS (
        PARTITION BY al.locality, al.report_year, coalesce(g.canonical, g.text), al.deadline_end,
                     al.deadline_text, al.code
    )
)
SELECT locality AS unit, agency, deadline_end, deadline_text,
       string_agg(DISTINCT code, ', ' ORDER BY code) AS codes,
       count(DISTINCT row_key) AS actions,
       sum(code_points_lost) FILTER (WHERE code_row = 1) AS points_lost,
       count(DISTINCT doc_id) AS documents,
       report_year
FROM lead_actions
GROUP BY locality, report_year, agency, deadline_end, deadline_text
ORDER BY points_lost DESC NULLS LAST, unit, report_year, agency, deadline_end, deadline_text;

CREATE OR REPLACE VIEW {schema}.field_scores AS
SELECT coalesce(s.unit, d.locality) AS unit,  -- a results table of many units names each
       coalesce(s.year, d.report_year) AS year,
       s.code, s.name,
       s.max_points, s.self_points, s.achieved_points, s.deducted_points,
       coalesce(s.deducted_points, s.max_points - s.achieved_points) AS points_lost,
       s.rank, s.rank_total,
       s.max_raw, s.self_raw, s.achieved_raw, s.deducted_raw,
       d.report_year, d.doc_type, d.source, s.doc_id, s.row_key
FROM {schema}.scores s JOIN {schema}.documents d USING (doc_id)
WHERE d.present AND s.level = 'field'
ORDER BY unit, year, CASE WHEN s.code ~ '^[0-9]{{1,9}}$' THEN s.code::INTEGER END, d.source;

CREATE OR REPLACE VIEW {schema}.open_findings AS
SELECT f.severity, f.rule_id, f.code, f.message, f.stated, f.expected, f.arithmetic,
       d.locality AS unit, d.report_year, d.doc_type, d.source, d.status,
       f.span_block, f.span_page, f.span_start, f.span_end,
       {schema}.span_text(f.doc_id, f.span_start, f.span_end) AS quote,
       f.operands_json, f.doc_id, f.row_key
FROM {schema}.findings f
JOIN {schema}.documents d USING (doc_id)
WHERE d.present
ORDER BY CASE f.severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, unit, d.source, f.ordinal
"""


def views_sql(schema: str) -> sql.Composed:
    """The function and the three views, each CREATE OR REPLACE, as one script."""
    return sql.SQL(_SQL).format(schema=sql.Identifier(schema))
