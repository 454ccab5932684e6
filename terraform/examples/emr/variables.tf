variable "region" {
  description = "AWS region."
  type        = string
  default     = "eu-west-1"
}

variable "bucket_name" {
  description = "Name of the bucket to create (globally unique)."
  type        = string
}

variable "jar_local_path" {
  description = "The built jar, uploaded to the bucket (mvn -DskipTests package writes target/vigil-0.1.0.jar)."
  type        = string
  default     = "../../../target/vigil-0.1.0.jar"
}

variable "config_local_path" {
  description = "The monitor's YAML; its paths should be s3:// URIs the cluster can read (see data_read_arns)."
  type        = string
}

variable "data_read_arns" {
  description = "S3 ARNs of the monitored tables, e.g. [\"arn:aws:s3:::my-data\", \"arn:aws:s3:::my-data/car_loan/*\"]."
  type        = list(string)
}

variable "subnet_id" {
  description = "Subnet of the cluster, tagged for-use-with-amazon-emr-managed-policies = true."
  type        = string
}
