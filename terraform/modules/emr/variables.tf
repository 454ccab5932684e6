variable "name" {
  description = "Name prefix of every resource (bucket excepted), e.g. vigil-car-loan."
  type        = string
  default     = "vigil"
}

variable "bucket_name" {
  description = "Name of the S3 bucket created for Vigil: jars/, monitors/, output/ (the Delta tables) and logs/."
  type        = string
}

variable "force_destroy" {
  description = "Let `terraform destroy` delete the bucket with its objects (the Delta tables included)."
  type        = bool
  default     = false
}

variable "kms_key_arn" {
  description = "Optional KMS key for the bucket's default encryption (SSE-KMS). null: SSE-S3 (AES256)."
  type        = string
  default     = null
}

variable "jar_local_path" {
  description = "Optional: the local jar (target/vigil-<version>.jar) to upload to s3://<bucket>/jars/. null: upload it yourself to jar_key."
  type        = string
  default     = null
}

variable "jar_key" {
  description = "Object key of the Vigil jar in the bucket."
  type        = string
  default     = "jars/vigil-0.1.0.jar"
}

variable "config_local_path" {
  description = "Optional: the local monitor YAML to upload to config_key. null: upload it yourself."
  type        = string
  default     = null
}

variable "config_key" {
  description = "Object key of the monitor's YAML configuration in the bucket. A step copies it to the master node, where Vigil reads it."
  type        = string
  default     = "monitors/monitor.yaml"
}

variable "output_prefix" {
  description = "Prefix of the Delta tables in the bucket (passed as --output s3://<bucket>/<prefix>)."
  type        = string
  default     = "output"
}

variable "extra_args" {
  description = "Extra arguments after `run --config ... --output ...`, e.g. [\"--fail-on-alert\"] or [\"--set\", \"chunking.period=day\"]."
  type        = list(string)
  default     = []
}

variable "data_read_arns" {
  description = "S3 ARNs the cluster may read the reference, analysis and targets tables from (bucket ARNs and object ARNs such as arn:aws:s3:::my-data/predictions/*)."
  type        = list(string)
  default     = []
}

variable "release_label" {
  description = "EMR release: EMR 7.x ships Spark 3.5 and Delta 3.x, which the jar is built for."
  type        = string
  default     = "emr-7.5.0"

  validation {
    condition     = can(regex("^emr-7\\.", var.release_label))
    error_message = "Use an EMR 7.x release (Spark 3.5)."
  }
}

variable "subnet_id" {
  description = "Subnet of the transient cluster. With the EMR v2 managed service policy the subnet must carry the tag for-use-with-amazon-emr-managed-policies = true."
  type        = string
}

variable "master_instance_type" {
  description = "Instance type of the primary node (the Spark driver runs here: client mode)."
  type        = string
  default     = "m5.xlarge"
}

variable "core_instance_type" {
  description = "Instance type of the core nodes."
  type        = string
  default     = "m5.xlarge"
}

variable "core_instance_count" {
  description = "Number of core nodes."
  type        = number
  default     = 2
}

variable "schedule_expression" {
  description = "When EventBridge Scheduler starts a transient cluster running Vigil, e.g. cron(0 6 * * ? *) or rate(1 day)."
  type        = string
  default     = "cron(0 6 * * ? *)"
}

variable "schedule_timezone" {
  description = "Time zone of schedule_expression."
  type        = string
  default     = "UTC"
}

variable "schedule_enabled" {
  description = "Create the schedule enabled (false: DISABLED)."
  type        = bool
  default     = true
}

variable "tags" {
  description = "Tags of every resource and of the transient clusters."
  type        = map(string)
  default     = { app = "vigil" }
}
