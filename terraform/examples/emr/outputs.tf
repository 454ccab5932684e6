output "output_uri" {
  description = "Where the Delta tables are written."
  value       = module.vigil_emr.output_uri
}

output "schedule_arn" {
  description = "The schedule starting the transient cluster."
  value       = module.vigil_emr.schedule_arn
}
