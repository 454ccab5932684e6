output "job_url" {
  description = "The job in the workspace."
  value       = module.vigil_job.job_url
}
