-- Vigil: views for BI tools over the Delta tables under one output path.
--
-- ${output} is the monitor's output path (output.path or --output), e.g. s3://bucket/vigil/output or
-- /Volumes/main/monitoring/vigil/output. Either replace it in this file, or let Spark SQL replace it: run
--   SET output = s3://bucket/vigil/output;
-- first (spark-sql, a notebook's %sql cell, spark.sql(...)). The views are created in the current schema
-- (USE catalog.schema first); they read the tables at query time, so they always show the latest run.
-- Statements end with a semicolon at the end of a line (dev.vigil.deploy.BiViewsSparkTest runs each one).
-- With catalog tables (output.schema) you need not run this file: a run creates these views in the tables' schema,
-- reading the tables by name, and 'vigil views --config FILE' replaces them (dev.vigil.results.BiViews, which reads
-- this file from the jar: keep every table as delta.`${output}/<table>` and every statement a CREATE OR REPLACE VIEW).

-- 1. The newest value of every metric: per monitor, calculator, metric, column and segment, the analysis
--    chunk with the latest chunk_end_date (then the highest chunk_index).
CREATE OR REPLACE VIEW vigil_latest_values AS
SELECT monitor, calculator, metric, column_name, segment,
       chunk_index, chunk_key, chunk_start_date, chunk_end_date, chunk_rows,
       value, p_value, sampling_error, realized, lower_confidence_bound, upper_confidence_bound,
       lower_threshold, upper_threshold, alert, note, approximate, error_bound, run_id, computed_at
FROM (
  SELECT r.*,
         row_number() OVER (PARTITION BY monitor, calculator, metric, column_name, segment
                            ORDER BY chunk_end_date DESC NULLS LAST, chunk_index DESC, computed_at DESC) AS newest
  FROM delta.`${output}/results` r
  WHERE period = 'analysis'
) ranked
WHERE newest = 1;

-- 2. What is alerting now: the metrics whose newest analysis chunk is outside its thresholds.
CREATE OR REPLACE VIEW vigil_current_alerts AS
SELECT monitor, calculator, metric, column_name, segment, chunk_key, chunk_start_date, chunk_end_date,
       value, p_value, lower_threshold, upper_threshold, run_id, computed_at
FROM vigil_latest_values
WHERE alert;

-- 3. Univariate drift with the column names and types of a Databricks Lakehouse Monitoring drift metrics
--    table, so dashboards and queries written for one read the other: one row per monitor (model_id_col),
--    column, analysis chunk (window) and segment (slice_key = slice_value; both null for the whole population;
--    split at the segment's first '=': columns.segments refuses a column whose name holds '=').
--    drift_type is BASELINE for univariate_drift (each chunk against the reference; window_cmp null) and
--    CONSECUTIVE for consecutive_drift (each chunk against the one before; window_cmp that chunk's window, null
--    for the first analysis chunk, whose baseline is the last reference chunk).
--    granularity: the period of period chunking ('1 hour', '1 day', '1 week', '1 month', '1 quarter', '1 year');
--    'rows' for size and number chunking. Metrics Vigil did not compute for a column are null (KS and Wasserstein
--    are continuous-only, chi2 and L-infinity categorical-only; LHM's tv_distance has no Vigil counterpart).
--    Vigil's own columns follow: hellinger_distance, chunk_index, chunk_key, chunk_rows, alert (any method alerted).
--    One row per column: drift_share (a chunk's share of drifted columns, column_name null) is in vigil_latest_values.
--    Segments of several columns: a crossed segment 'region,product=EU,card' gives slice_key 'region,product' and
--    slice_value 'EU,card', a predicate slice 'slice=high_value' slice_key 'slice' (a crossed column's name has no
--    ','; in a value '%' is written %25 and ',' %2C; 'column=%other' holds the values beyond max_segment_values).
CREATE OR REPLACE VIEW vigil_drift_metrics AS
SELECT named_struct('start', chunk_start_date, 'end', chunk_end_date) AS `window`,
       CASE WHEN calculator = 'consecutive_drift' THEN
         lag(named_struct('start', chunk_start_date, 'end', chunk_end_date))
           OVER (PARTITION BY monitor, calculator, column_name, segment ORDER BY chunk_index) END AS window_cmp,
       CASE WHEN calculator = 'consecutive_drift' THEN 'CONSECUTIVE' ELSE 'BASELINE' END AS drift_type,
       CASE WHEN chunk_key LIKE '[%' THEN 'rows'
            WHEN chunk_key RLIKE '^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:00$' THEN '1 hour'
            WHEN chunk_key RLIKE '^[0-9]{4}-[0-9]{2}-[0-9]{2}/[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN '1 week'
            WHEN chunk_key RLIKE '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN '1 day'
            WHEN chunk_key RLIKE '^[0-9]{4}-[0-9]{2}$' THEN '1 month'
            WHEN chunk_key RLIKE '^[0-9]{4}Q[1-4]$' THEN '1 quarter'
            WHEN chunk_key RLIKE '^[0-9]{4}$' THEN '1 year'
            ELSE 'chunk' END AS granularity,
       monitor AS model_id_col,
       CASE WHEN segment IS NOT NULL THEN substring_index(segment, '=', 1) END AS slice_key,
       CASE WHEN segment IS NOT NULL THEN substr(segment, length(substring_index(segment, '=', 1)) + 2) END AS slice_value,
       column_name,
       CASE WHEN count(CASE WHEN metric = 'chi2' THEN 1 END) > 0 THEN
         named_struct('statistic', max(CASE WHEN metric = 'chi2' THEN value END),
                      'pvalue', max(CASE WHEN metric = 'chi2' THEN p_value END)) END AS chi_squared_test,
       CASE WHEN count(CASE WHEN metric = 'kolmogorov_smirnov' THEN 1 END) > 0 THEN
         named_struct('statistic', max(CASE WHEN metric = 'kolmogorov_smirnov' THEN value END),
                      'pvalue', max(CASE WHEN metric = 'kolmogorov_smirnov' THEN p_value END)) END AS ks_test,
       max(CASE WHEN metric = 'l_infinity' THEN value END) AS l_infinity_distance,
       max(CASE WHEN metric = 'jensen_shannon' THEN value END) AS js_distance,
       max(CASE WHEN metric = 'wasserstein' THEN value END) AS wasserstein_distance,
       max(CASE WHEN metric = 'psi' THEN value END) AS population_stability_index,
       max(CASE WHEN metric = 'hellinger' THEN value END) AS hellinger_distance,
       chunk_index,
       chunk_key,
       max(chunk_rows) AS chunk_rows,
       bool_or(alert) AS alert
FROM delta.`${output}/results`
WHERE calculator IN ('univariate_drift', 'consecutive_drift') AND period = 'analysis' AND column_name IS NOT NULL
GROUP BY monitor, calculator, column_name, segment, chunk_index, chunk_key, chunk_start_date, chunk_end_date;

-- 4. The profile calculator with the column names of a Databricks Lakehouse Monitoring profile metrics table: one
--    row per monitor, column, analysis chunk (window) and segment (slice_key/slice_value as in vigil_drift_metrics),
--    the metrics as columns (null where they do not apply to the column's kind), quantiles as an array in the
--    order of calculators.profile.quantiles' values, frequent_items from the distributions table (the 10 most
--    frequent values of each string column, with their counts).
CREATE OR REPLACE VIEW vigil_profile_metrics AS
WITH profile AS (
  SELECT * FROM delta.`${output}/results` WHERE calculator = 'profile' AND period = 'analysis'
), items AS (
  SELECT monitor, column_name, segment, chunk_key,
         sort_array(collect_list(named_struct('count', count, 'item', substr(bin, 15))), false) AS frequent_items
  FROM delta.`${output}/distributions`
  WHERE kind = 'frequent_items' AND period = 'analysis'
  GROUP BY monitor, column_name, segment, chunk_key
)
SELECT named_struct('start', p.chunk_start_date, 'end', p.chunk_end_date) AS `window`,
       p.monitor AS model_id_col,
       CASE WHEN p.segment IS NOT NULL THEN substring_index(p.segment, '=', 1) END AS slice_key,
       CASE WHEN p.segment IS NOT NULL THEN substr(p.segment, length(substring_index(p.segment, '=', 1)) + 2) END
         AS slice_value,
       p.column_name,
       max(CASE WHEN p.metric = 'count' THEN p.value END) AS count,
       max(CASE WHEN p.metric = 'num_nulls' THEN p.value END) AS num_nulls,
       max(CASE WHEN p.metric = 'percent_null' THEN p.value END) AS percent_null,
       max(CASE WHEN p.metric = 'num_nan' THEN p.value END) AS num_nan,
       max(CASE WHEN p.metric = 'percent_nan' THEN p.value END) AS percent_nan,
       max(CASE WHEN p.metric = 'num_zeros' THEN p.value END) AS num_zeros,
       max(CASE WHEN p.metric = 'percent_zeros' THEN p.value END) AS percent_zeros,
       max(CASE WHEN p.metric = 'distinct_count' THEN p.value END) AS distinct_count,
       max(CASE WHEN p.metric = 'percent_distinct' THEN p.value END) AS percent_distinct,
       max(CASE WHEN p.metric = 'min' THEN p.value END) AS min,
       max(CASE WHEN p.metric = 'max' THEN p.value END) AS max,
       max(CASE WHEN p.metric = 'avg' THEN p.value END) AS avg,
       max(CASE WHEN p.metric = 'stddev' THEN p.value END) AS stddev,
       max(CASE WHEN p.metric = 'median' THEN p.value END) AS median,
       max(CASE WHEN p.metric = 'min_length' THEN p.value END) AS min_length,
       max(CASE WHEN p.metric = 'avg_length' THEN p.value END) AS avg_length,
       max(CASE WHEN p.metric = 'max_length' THEN p.value END) AS max_length,
       transform(
         array_sort(filter(collect_list(CASE WHEN p.metric LIKE 'quantile\_%' THEN
                             named_struct('q', CAST(substr(p.metric, 10) AS DOUBLE), 'value', p.value) END),
                           x -> x IS NOT NULL)),
         x -> x.value) AS quantiles,
       max(i.frequent_items) AS frequent_items,
       p.chunk_index,
       p.chunk_key,
       bool_or(p.approximate) AS approximate
FROM profile p
LEFT JOIN items i
  ON i.monitor = p.monitor AND i.column_name = p.column_name AND i.chunk_key = p.chunk_key
     AND i.segment <=> p.segment
GROUP BY p.monitor, p.column_name, p.segment, p.chunk_index, p.chunk_key, p.chunk_start_date, p.chunk_end_date;
