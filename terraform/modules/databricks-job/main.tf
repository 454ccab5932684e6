# A scheduled Databricks job running Vigil's CLI (dev.vigil.cli.JobMain: returns on success, throws on failure) as a JAR task on a job cluster.
# Same shape as jobs/databricks-job.json.

resource "databricks_file" "jar" {
  count  = var.jar_local_path == null ? 0 : 1
  source = var.jar_local_path
  path   = var.jar_path
}

resource "databricks_file" "config" {
  count  = var.config_local_path == null ? 0 : 1
  source = var.config_local_path
  path   = var.config_path

  lifecycle {
    precondition {
      condition     = var.config_path != null && contains(var.vigil_args, coalesce(var.config_path, "-"))
      error_message = "config_path must be set and be the --config of vigil_args."
    }
  }
}

resource "databricks_job" "vigil" {
  name                = var.job_name
  max_concurrent_runs = 1
  timeout_seconds     = var.timeout_seconds
  tags                = var.tags

  job_cluster {
    job_cluster_key = "vigil"

    new_cluster {
      spark_version      = var.spark_version
      node_type_id       = var.node_type_id
      num_workers        = var.num_workers
      data_security_mode = "SINGLE_USER"
      spark_conf         = var.spark_conf
      custom_tags        = var.tags
    }
  }

  task {
    task_key        = "vigil_run"
    job_cluster_key = "vigil"
    max_retries     = var.max_retries
    timeout_seconds = var.timeout_seconds

    spark_jar_task {
      main_class_name = "dev.vigil.cli.JobMain"
      parameters      = var.vigil_args
    }

    library {
      jar = var.jar_path
    }
  }

  schedule {
    quartz_cron_expression = var.quartz_cron_expression
    timezone_id            = var.timezone_id
    pause_status           = var.paused ? "PAUSED" : "UNPAUSED"
  }

  dynamic "email_notifications" {
    for_each = length(var.on_failure_emails) > 0 ? [1] : []
    content {
      on_failure                = var.on_failure_emails
      no_alert_for_skipped_runs = true
    }
  }

  depends_on = [databricks_file.jar, databricks_file.config]

  lifecycle {
    precondition {
      condition     = endswith(var.spark_version, "-scala2.13") == endswith(var.jar_path, "-spark4.jar")
      error_message = "A Spark 4 / Scala 2.13 runtime (17.x) takes the Spark 4 build's vigil-<version>-spark4.jar, a Spark 3.5 / Scala 2.12 runtime the default vigil-<version>.jar (docs/platforms.md)."
    }
  }
}
