output "bucket_name" {
  description = "The Vigil bucket."
  value       = aws_s3_bucket.vigil.bucket
}

output "bucket_arn" {
  description = "ARN of the Vigil bucket."
  value       = aws_s3_bucket.vigil.arn
}

output "output_uri" {
  description = "Where the Delta tables are written (results, runs, distributions, alerts)."
  value       = "s3://${aws_s3_bucket.vigil.bucket}/${var.output_prefix}"
}

output "jar_uri" {
  description = "Where the cluster reads the Vigil jar."
  value       = local.jar_uri
}

output "config_uri" {
  description = "Where the monitor's YAML is read from (copied to the primary node by the first step)."
  value       = local.config_uri
}

output "vigil_args" {
  description = "The arguments of dev.vigil.cli.Main in the run step."
  value       = local.vigil_args
}

output "emr_service_role_arn" {
  description = "ARN of the EMR service role."
  value       = aws_iam_role.service.arn
}

output "instance_profile_name" {
  description = "Name of the EC2 instance profile of the cluster nodes."
  value       = aws_iam_instance_profile.ec2.name
}

output "schedule_arn" {
  description = "ARN of the EventBridge Scheduler schedule starting the transient cluster."
  value       = aws_scheduler_schedule.vigil.arn
}

output "run_job_flow_request" {
  description = "The RunJobFlow request the schedule sends (for `aws emr create-cluster --cli-input-json` or a manual test)."
  value       = jsonencode(local.run_job_flow)
}
