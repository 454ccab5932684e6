# Vigil as a scheduled Databricks job. Authentication comes from the environment (DATABRICKS_HOST plus
# DATABRICKS_TOKEN, or a profile in ~/.databrickscfg via DATABRICKS_CONFIG_PROFILE): nothing secret in this file.
provider "databricks" {}

module "vigil_job" {
  source = "../../modules/databricks-job"

  job_name          = "vigil-car-loan"
  jar_path          = "/Volumes/main/monitoring/vigil/jars/vigil-0.1.0.jar"
  jar_local_path    = var.jar_local_path
  config_path       = "/Volumes/main/monitoring/vigil/monitors/car_loan.yaml"
  config_local_path = var.config_local_path
  vigil_args        = ["run", "--config", "/Volumes/main/monitoring/vigil/monitors/car_loan.yaml", "--output", "/Volumes/main/monitoring/vigil/output"]

  node_type_id           = var.node_type_id
  num_workers            = 2
  quartz_cron_expression = "0 0 6 * * ?"
  on_failure_emails      = var.on_failure_emails
}
