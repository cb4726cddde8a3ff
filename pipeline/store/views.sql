-- Views over the warehouse tables, created in warehouse.duckdb by pipeline/store/database.py.
-- They read present documents only (a document whose files all disappeared keeps its rows, present = false).

-- The source text of a span (span_start, span_end into a document's normalised text), rebuilt from the
-- stored blocks: the blocks a span touches are contiguous and separated by a blank line in the text.
CREATE MACRO span_text(document_id, from_offset, to_offset) AS (
    SELECT substr(string_agg(b.text, chr(10) || chr(10) ORDER BY b.text_start),
                  (from_offset - min(b.text_start) + 1)::BIGINT, (to_offset - from_offset)::BIGINT)
    FROM blocks b
    WHERE b.doc_id = document_id AND b.text_start < to_offset AND b.text_end > from_offset
);

-- What each lead agency must fix, by when, and how many points the criteria it answers lost: one row per
-- unit (locality), report year, lead agency and deadline. An agency is grouped with its unit: "Phòng Nội vụ"
-- of two districts are two agencies.
-- Points lost for an action's code: the stated deduction, else max − achieved, from the action's own
-- document; a plan with no scores of its own takes them from the report of the same unit and year
-- (another present document with the same locality whose scores are for the plan's report year).
-- A code's loss counts once per row, however many actions answer it (two actions of one document, or the
-- same plan as .txt, .docx and .pdf): `points_lost` sums, over the row's codes, each code's largest loss.
-- `actions` and `documents` count distinct actions and documents. `report_year` is the last column so that
-- PostgreSQL's CREATE OR REPLACE VIEW (postgres_views.py) can replace the view of an older load.
CREATE VIEW deductions_by_agency AS
WITH present_documents AS (
    SELECT doc_id, locality, report_year FROM documents WHERE present AND status = 'ok'
),
losses AS (
    SELECT s.doc_id, d.locality, coalesce(s.year, d.report_year) AS year, s.code,
           coalesce(s.deducted_points, s.max_points - s.achieved_points) AS points_lost
    FROM scores s JOIN present_documents d USING (doc_id)
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
    FROM actions a JOIN present_documents d USING (doc_id)
),
lead_actions AS (
    -- one row per action and lead agency; `code_points_lost`, the code's loss in the output row, is summed
    -- from one of the code's rows only (`code_row` = 1), so that it counts once
    SELECT al.locality, al.report_year, coalesce(g.canonical, g.text) AS agency, al.deadline_end,
           al.deadline_text, al.code, al.row_key, al.doc_id,
           max(al.points_lost) OVER same_code AS code_points_lost,
           row_number() OVER same_code AS code_row
    FROM action_losses al
    LEFT JOIN agencies g ON g.action_key = al.row_key AND g.role = 'lead'
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

-- Field scores (the eight fields of the index) by unit and year: one row per field score a present
-- document states. `year` is the year the figure is for; `report_year` the document's.
CREATE VIEW field_scores AS
SELECT coalesce(s.unit, d.locality) AS unit,  -- a results table of many units names each
       coalesce(s.year, d.report_year) AS year,
       s.code, s.name,
       s.max_points, s.self_points, s.achieved_points, s.deducted_points,
       coalesce(s.deducted_points, s.max_points - s.achieved_points) AS points_lost,
       s.rank, s.rank_total,
       s.max_raw, s.self_raw, s.achieved_raw, s.deducted_raw,
       d.report_year, d.doc_type, d.source, s.doc_id, s.row_key
FROM scores s JOIN documents d USING (doc_id)
WHERE d.present AND s.level = 'field'
ORDER BY unit, year, try_cast(s.code AS INTEGER), d.source;

-- Findings of present documents, errors first, with the document and the sentence they point at.
CREATE VIEW open_findings AS
SELECT f.severity, f.rule_id, f.code, f.message, f.stated, f.expected, f.arithmetic,
       d.locality AS unit, d.report_year, d.doc_type, d.source, d.status,
       f.span_block, f.span_page, f.span_start, f.span_end,
       span_text(f.doc_id, f.span_start, f.span_end) AS quote,
       f.operands_json, f.doc_id, f.row_key
FROM findings f
JOIN documents d USING (doc_id)
WHERE d.present
ORDER BY CASE f.severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, unit, d.source, f.ordinal;
