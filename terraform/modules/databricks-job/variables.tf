variable "job_name" {
  description = "Name of the Databricks job."
  type        = string
  default     = "vigil"
}

variable "vigil_args" {
  description = "Arguments of dev.vigil.cli.Main, e.g. [\"run\", \"--config\", \"/Volumes/main/monitoring/vigil/monitors/car_loan.yaml\"]. The configuration file is read from the driver's local file system: a Unity Catalog volume path (/Volumes/...) works."
  type        = list(string)

  validation {
    condition     = length(var.vigil_args) > 0 && contains(["run", "validate"], var.vigil_args[0])
    error_message = "vigil_args must start with the command: run or validate."
  }
}

variable "jar_path" {
  description = "Where the cluster finds the Vigil jar, e.g. /Volumes/main/monitoring/vigil/jars/vigil-0.1.0.jar: target/vigil-<version>.jar from `mvn -DskipTests package` on a Spark 3.5 runtime, target/spark4/vigil-<version>-spark4.jar from `mvn -DskipTests -Pspark4 package` on a 17.x (Spark 4) runtime."
  type        = string
}

variable "jar_local_path" {
  description = "Optional: a local jar to upload to jar_path (a Unity Catalog volume path) with this module. null: the jar is already there."
  type        = string
  default     = null
}

variable "config_path" {
  description = "Optional: where to upload config_local_path (a Unity Catalog volume path). Must be the --config of vigil_args."
  type        = string
  default     = null
}

variable "config_local_path" {
  description = "Optional: a local monitor YAML to upload to config_path. null: nothing is uploaded."
  type        = string
  default     = null
}

variable "spark_version" {
  description = "Databricks runtime of the job cluster: a Spark 3.5 / Scala 2.12 LTS runtime (14.3, 15.4, 16.4 LTS) for target/vigil-<version>.jar, or a Spark 4 / Scala 2.13 runtime (17.x, e.g. 17.3.x-scala2.13) for the Spark 4 build's target/spark4/vigil-<version>-spark4.jar (docs/platforms.md)."
  type        = string
  default     = "15.4.x-scala2.12"

  validation {
    condition     = can(regex("^1[456]\\.[0-9]+\\.x-scala2\\.12$", var.spark_version)) || can(regex("^17\\.[0-9]+\\.x-scala2\\.13$", var.spark_version))
    error_message = "Use a Spark 3.5 / Scala 2.12 runtime such as 15.4.x-scala2.12 (with vigil-<version>.jar) or a Spark 4.0 / Scala 2.13 runtime such as 17.3.x-scala2.13 (with vigil-<version>-spark4.jar)."
  }
}

variable "node_type_id" {
  description = "Instance type of the job cluster's driver and workers (cloud specific, e.g. i3.xlarge on AWS, Standard_DS3_v2 on Azure)."
  type        = string
}

variable "num_workers" {
  description = "Workers of the job cluster."
  type        = number
  default     = 2
}

variable "spark_conf" {
  description = "Extra Spark configuration of the job cluster."
  type        = map(string)
  default     = {}
}

variable "quartz_cron_expression" {
  description = "When the job runs (Quartz cron syntax; the default is every day at 06:00)."
  type        = string
  default     = "0 0 6 * * ?"
}

variable "timezone_id" {
  description = "Time zone of the schedule (Java time zone id)."
  type        = string
  default     = "UTC"
}

variable "paused" {
  description = "Create the schedule paused."
  type        = bool
  default     = false
}

variable "timeout_seconds" {
  description = "A run taking longer is cancelled (0: no limit)."
  type        = number
  default     = 10800
}

variable "max_retries" {
  description = "Retries of a failed run. Exit code 2 (wrong configuration or input) fails the same way again."
  type        = number
  default     = 1
}

variable "on_failure_emails" {
  description = "Addresses notified when a run fails (with --fail-on-alert also when it raised alerts)."
  type        = list(string)
  default     = []
}

variable "tags" {
  description = "Tags of the job and its cluster."
  type        = map(string)
  default     = { app = "vigil" }
}
