# Vigil on a schedule on EMR: `terraform apply` with AWS credentials from the environment (AWS_PROFILE, SSO, ...).
provider "aws" {
  region = var.region
}

module "vigil_emr" {
  source = "../../modules/emr"

  name              = "vigil-car-loan"
  bucket_name       = var.bucket_name
  jar_local_path    = var.jar_local_path
  jar_key           = "jars/vigil-0.1.0.jar"
  config_local_path = var.config_local_path
  config_key        = "monitors/car_loan.yaml"
  extra_args        = ["--fail-on-alert"]
  data_read_arns    = var.data_read_arns
  subnet_id         = var.subnet_id

  schedule_expression = "cron(0 6 * * ? *)"
  tags                = { app = "vigil", monitor = "car_loan" }
}
