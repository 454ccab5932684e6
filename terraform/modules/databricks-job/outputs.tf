output "job_id" {
  description = "Id of the Databricks job."
  value       = databricks_job.vigil.id
}

output "job_url" {
  description = "URL of the job in the workspace."
  value       = databricks_job.vigil.url
}
