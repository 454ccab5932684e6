# Databricks notebook source
# MAGIC %md
# MAGIC # Vigil results
# MAGIC
# MAGIC Queries over the Delta tables Vigil writes under one output path (`results`, `runs`, `alerts`,
# MAGIC `distributions`; the columns are in docs/output-tables.md). Every query names its table as
# MAGIC delta.`${output}/<table>`: Spark SQL replaces `${output}` with the value of the Spark SQL setting `output`.
# MAGIC
# MAGIC Set the widget `output` to the monitor's `output.path` (e.g. `/Volumes/main/monitoring/vigil/output`,
# MAGIC `s3://bucket/vigil/output`). `${output}` in the SQL cells is the widget's value.

# COMMAND ----------

dbutils.widgets.text("output", "/Volumes/main/monitoring/vigil/output", "Vigil output path")
# ${output} in the SQL below is the widget; the same value as a Spark SQL setting also serves SQL sent from Python
# calls and clusters where widget substitution in SQL cells is turned off.
try:
    spark.conf.set("output", dbutils.widgets.get("output"))
except Exception as e:  # some serverless/shared clusters refuse unknown settings
    print(f"spark.conf.set('output') not allowed here ({e}); the SQL cells use the widget")

# COMMAND ----------

# MAGIC %md
# MAGIC ## Recent runs
# MAGIC One row per run, failed runs included (`error` says why).

# COMMAND ----------

# MAGIC %sql
# MAGIC SELECT run_id, monitor, started_at, finished_at, status, error,
# MAGIC        rows_reference, rows_analysis, chunks, alerts, vigil_version
# MAGIC FROM delta.`${output}/runs`
# MAGIC ORDER BY started_at DESC
# MAGIC LIMIT 20

# COMMAND ----------

# MAGIC %md
# MAGIC ## Latest alerts
# MAGIC Metrics whose newest analysis chunk (latest `chunk_end_date`, then highest `chunk_index`) is outside its
# MAGIC thresholds, per monitor, calculator, metric, column and segment.

# COMMAND ----------

# MAGIC %sql
# MAGIC WITH ranked AS (
# MAGIC   SELECT *,
# MAGIC          row_number() OVER (PARTITION BY monitor, calculator, metric, column_name, segment
# MAGIC                             ORDER BY chunk_end_date DESC NULLS LAST, chunk_index DESC, computed_at DESC) AS rn
# MAGIC   FROM delta.`${output}/results`
# MAGIC   WHERE period = 'analysis'
# MAGIC )
# MAGIC SELECT monitor, calculator, metric, column_name, segment, chunk_key, chunk_end_date,
# MAGIC        value, p_value, lower_threshold, upper_threshold, run_id
# MAGIC FROM ranked
# MAGIC WHERE rn = 1 AND alert
# MAGIC ORDER BY monitor, calculator, metric, column_name, segment NULLS FIRST

# COMMAND ----------

# MAGIC %md
# MAGIC ## Alert notifications sent
# MAGIC The `alerts` table: one row per alert sent to a webhook or Slack (it exists once a run with an `alerts:`
# MAGIC destination raised an alert).

# COMMAND ----------

# MAGIC %sql
# MAGIC SELECT monitor, calculator, metric, column_name, segment, chunk_key, destination, value, run_id, sent_at
# MAGIC FROM delta.`${output}/alerts`
# MAGIC ORDER BY sent_at DESC, monitor, calculator, metric, column_name
# MAGIC LIMIT 100

# COMMAND ----------

# MAGIC %md
# MAGIC ## Drift over time
# MAGIC Univariate drift per column and method, reference chunks first, then analysis chunks in order (whole
# MAGIC population).

# COMMAND ----------

# MAGIC %sql
# MAGIC SELECT monitor, column_name, metric, period, chunk_index, chunk_key, chunk_start_date, chunk_end_date,
# MAGIC        value, p_value, upper_threshold, alert
# MAGIC FROM delta.`${output}/results`
# MAGIC WHERE calculator = 'univariate_drift' AND segment IS NULL
# MAGIC ORDER BY monitor, column_name, metric, period DESC, chunk_index

# COMMAND ----------

# MAGIC %md
# MAGIC ## Estimated vs realized performance
# MAGIC CBPE/DLE estimates beside the realized values of the same chunk (from `estimated_performance.realized`, or the
# MAGIC `realized_performance` row when that calculator ran).

# COMMAND ----------

# MAGIC %sql
# MAGIC SELECT e.monitor, e.metric, e.period, e.chunk_index, e.chunk_key, e.chunk_end_date,
# MAGIC        e.value AS estimated,
# MAGIC        coalesce(e.realized, r.value) AS realized,
# MAGIC        e.lower_confidence_bound, e.upper_confidence_bound,
# MAGIC        e.lower_threshold, e.upper_threshold,
# MAGIC        e.alert AS estimated_alert, r.alert AS realized_alert
# MAGIC FROM delta.`${output}/results` e
# MAGIC LEFT JOIN delta.`${output}/results` r
# MAGIC   ON r.calculator = 'realized_performance' AND r.monitor = e.monitor AND r.metric = e.metric
# MAGIC  AND r.column_name <=> e.column_name AND r.segment <=> e.segment
# MAGIC  AND r.period = e.period AND r.chunk_key = e.chunk_key
# MAGIC WHERE e.calculator = 'estimated_performance' AND e.segment IS NULL
# MAGIC ORDER BY e.monitor, e.metric, e.period DESC, e.chunk_index

# COMMAND ----------

# MAGIC %md
# MAGIC ## Top drifting features
# MAGIC Columns ranked by how many analysis chunks alerted, then by how far the largest value went past its upper
# MAGIC threshold.

# COMMAND ----------

# MAGIC %sql
# MAGIC SELECT monitor, column_name, metric,
# MAGIC        count_if(alert) AS alerting_chunks,
# MAGIC        count(*) AS analysis_chunks,
# MAGIC        max(value) AS max_value,
# MAGIC        max(value / nullif(upper_threshold, 0)) AS max_value_over_threshold
# MAGIC FROM delta.`${output}/results`
# MAGIC WHERE calculator = 'univariate_drift' AND period = 'analysis' AND segment IS NULL
# MAGIC GROUP BY monitor, column_name, metric
# MAGIC ORDER BY alerting_chunks DESC, max_value_over_threshold DESC NULLS LAST, monitor, column_name, metric
# MAGIC LIMIT 20

# COMMAND ----------

# MAGIC %md
# MAGIC ## Distribution of the most drifting column
# MAGIC Binned shares per chunk from the `distributions` table for the column with the most alerting drift chunks:
# MAGIC compare the reference chunks with the analysis chunks.

# COMMAND ----------

# MAGIC %sql
# MAGIC WITH top_column AS (
# MAGIC   SELECT monitor, column_name
# MAGIC   FROM delta.`${output}/results`
# MAGIC   WHERE calculator = 'univariate_drift' AND period = 'analysis' AND segment IS NULL
# MAGIC   GROUP BY monitor, column_name
# MAGIC   ORDER BY count_if(alert) DESC, monitor, column_name
# MAGIC   LIMIT 1
# MAGIC )
# MAGIC SELECT d.monitor, d.column_name, d.period, d.chunk_index, d.chunk_key, d.kind,
# MAGIC        d.bin, d.bin_lower, d.bin_upper, d.count, d.proportion
# MAGIC FROM delta.`${output}/distributions` d
# MAGIC JOIN top_column t ON d.monitor = t.monitor AND d.column_name = t.column_name
# MAGIC WHERE d.segment IS NULL
# MAGIC ORDER BY d.period DESC, d.chunk_index, d.bin_lower NULLS FIRST, d.bin
