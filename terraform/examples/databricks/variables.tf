variable "jar_local_path" {
  description = "The built jar, uploaded to the volume (mvn -DskipTests package writes target/vigil-0.1.0.jar)."
  type        = string
  default     = "../../../target/vigil-0.1.0.jar"
}

variable "config_local_path" {
  description = "The monitor's YAML, uploaded to the volume."
  type        = string
}

variable "node_type_id" {
  description = "Instance type of the job cluster (e.g. i3.xlarge on AWS, Standard_DS3_v2 on Azure)."
  type        = string
  default     = "i3.xlarge"
}

variable "on_failure_emails" {
  description = "Who hears about failed runs."
  type        = list(string)
  default     = []
}
