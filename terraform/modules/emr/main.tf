# Vigil on EMR: an S3 bucket (jars/, monitors/, output/, logs/), the IAM roles, and an EventBridge Scheduler
# schedule that starts a transient EMR cluster (RunJobFlow) whose steps copy the monitor's YAML to the primary node
# and run `spark-submit --class dev.vigil.cli.Main <jar> run --config ... --output s3://<bucket>/<output_prefix>`;
# the cluster terminates when the steps are done. The steps are those of jobs/emr-step.json.

data "aws_partition" "current" {}

locals {
  bucket_arn        = aws_s3_bucket.vigil.arn
  jar_uri           = "s3://${aws_s3_bucket.vigil.bucket}/${var.jar_key}"
  config_uri        = "s3://${aws_s3_bucket.vigil.bucket}/${var.config_key}"
  config_local_path = "/home/hadoop/vigil/monitor.yaml"
  # the --config path is local.config_local_path, written out so that JobDefinitionsTest can parse the list
  vigil_args = concat(["run", "--config", "/home/hadoop/vigil/monitor.yaml", "--output", "s3://${aws_s3_bucket.vigil.bucket}/${var.output_prefix}"], var.extra_args)
  tags       = merge(var.tags, { "for-use-with-amazon-emr-managed-policies" = "true" })

  steps = [
    {
      Name            = "vigil-fetch-config"
      ActionOnFailure = "TERMINATE_CLUSTER"
      HadoopJarStep = {
        Jar  = "command-runner.jar"
        Args = ["aws", "s3", "cp", local.config_uri, local.config_local_path]
      }
    },
    {
      Name            = "vigil-run"
      ActionOnFailure = "TERMINATE_CLUSTER"
      HadoopJarStep = {
        Jar = "command-runner.jar"
        Args = concat([
          "spark-submit", "--deploy-mode", "client", "--class", "dev.vigil.cli.Main",
          "--jars", "/usr/share/aws/delta/lib/delta-spark.jar,/usr/share/aws/delta/lib/delta-storage.jar",
          local.jar_uri,
        ], local.vigil_args)
      }
    },
  ]

  run_job_flow = {
    Name         = var.name
    ReleaseLabel = var.release_label
    LogUri       = "s3://${aws_s3_bucket.vigil.bucket}/logs/"
    Applications = [{ Name = "Spark" }]
    Configurations = [
      { Classification = "delta-defaults", Properties = { "delta.enabled" = "true" } },
    ]
    Instances = {
      Ec2SubnetId                 = var.subnet_id
      KeepJobFlowAliveWhenNoSteps = false
      TerminationProtected        = false
      InstanceGroups = [
        { Name = "primary", InstanceRole = "MASTER", Market = "ON_DEMAND", InstanceType = var.master_instance_type, InstanceCount = 1 },
        { Name = "core", InstanceRole = "CORE", Market = "ON_DEMAND", InstanceType = var.core_instance_type, InstanceCount = var.core_instance_count },
      ]
    }
    Steps             = local.steps
    ServiceRole       = aws_iam_role.service.arn
    JobFlowRole       = aws_iam_instance_profile.ec2.name
    VisibleToAllUsers = true
    Tags              = [for k, v in local.tags : { Key = k, Value = v }]
  }
}

# ---------------------------------------------------------------------------------------------------------------
# S3: versioned, encrypted, no public access, bucket-owner-enforced object ownership
# ---------------------------------------------------------------------------------------------------------------

resource "aws_s3_bucket" "vigil" {
  bucket        = var.bucket_name
  force_destroy = var.force_destroy
  tags          = var.tags
}

resource "aws_s3_bucket_versioning" "vigil" {
  bucket = aws_s3_bucket.vigil.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "vigil" {
  bucket = aws_s3_bucket.vigil.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = var.kms_key_arn == null ? "AES256" : "aws:kms"
      kms_master_key_id = var.kms_key_arn
    }
    bucket_key_enabled = var.kms_key_arn != null
  }
}

resource "aws_s3_bucket_public_access_block" "vigil" {
  bucket                  = aws_s3_bucket.vigil.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "vigil" {
  bucket = aws_s3_bucket.vigil.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_object" "jar" {
  count       = var.jar_local_path == null ? 0 : 1
  bucket      = aws_s3_bucket.vigil.id
  key         = var.jar_key
  source      = var.jar_local_path
  source_hash = filemd5(var.jar_local_path)
}

resource "aws_s3_object" "config" {
  count       = var.config_local_path == null ? 0 : 1
  bucket      = aws_s3_bucket.vigil.id
  key         = var.config_key
  source      = var.config_local_path
  source_hash = filemd5(var.config_local_path)
}

# ---------------------------------------------------------------------------------------------------------------
# IAM: the EMR service role, the instance profile (least-privilege S3), the scheduler's role
# ---------------------------------------------------------------------------------------------------------------

data "aws_iam_policy_document" "emr_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["elasticmapreduce.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "service" {
  name               = "${var.name}-emr-service"
  assume_role_policy = data.aws_iam_policy_document.emr_assume.json
  tags               = var.tags
}

resource "aws_iam_role_policy_attachment" "service" {
  role       = aws_iam_role.service.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/AmazonEMRServicePolicy_v2"
}

# The v2 managed policy passes only the default EC2 role; this one passes ours.
data "aws_iam_policy_document" "service_pass_role" {
  statement {
    actions   = ["iam:PassRole"]
    resources = [aws_iam_role.ec2.arn]
    condition {
      test     = "StringEquals"
      variable = "iam:PassedToService"
      values   = ["ec2.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy" "service_pass_role" {
  name   = "pass-instance-role"
  role   = aws_iam_role.service.id
  policy = data.aws_iam_policy_document.service_pass_role.json
}

data "aws_iam_policy_document" "ec2_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "ec2" {
  name               = "${var.name}-emr-ec2"
  assume_role_policy = data.aws_iam_policy_document.ec2_assume.json
  tags               = var.tags
}

resource "aws_iam_instance_profile" "ec2" {
  name = "${var.name}-emr-ec2"
  role = aws_iam_role.ec2.name
  tags = var.tags
}

data "aws_iam_policy_document" "ec2_s3" {
  statement {
    sid       = "ListVigilBucket"
    actions   = ["s3:ListBucket", "s3:GetBucketLocation"]
    resources = [local.bucket_arn]
  }
  statement {
    sid       = "ReadJarAndMonitors"
    actions   = ["s3:GetObject"]
    resources = ["${local.bucket_arn}/${var.jar_key}", "${local.bucket_arn}/${var.config_key}"]
  }
  statement {
    sid       = "DeltaTables"
    actions   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
    resources = ["${local.bucket_arn}/${var.output_prefix}/*"]
  }
  statement {
    sid       = "Logs"
    actions   = ["s3:PutObject"]
    resources = ["${local.bucket_arn}/logs/*"]
  }
  dynamic "statement" {
    for_each = length(var.data_read_arns) > 0 ? [1] : []
    content {
      sid       = "ReadMonitoredData"
      actions   = ["s3:GetObject", "s3:ListBucket", "s3:GetBucketLocation"]
      resources = var.data_read_arns
    }
  }
  dynamic "statement" {
    for_each = var.kms_key_arn == null ? [] : [1]
    content {
      sid       = "BucketKey"
      actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
      resources = [var.kms_key_arn]
    }
  }
}

resource "aws_iam_role_policy" "ec2_s3" {
  name   = "vigil-s3"
  role   = aws_iam_role.ec2.id
  policy = data.aws_iam_policy_document.ec2_s3.json
}

data "aws_iam_policy_document" "scheduler_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["scheduler.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "scheduler" {
  name               = "${var.name}-scheduler"
  assume_role_policy = data.aws_iam_policy_document.scheduler_assume.json
  tags               = var.tags
}

data "aws_iam_policy_document" "scheduler" {
  statement {
    actions   = ["elasticmapreduce:RunJobFlow", "elasticmapreduce:AddTags"]
    resources = ["*"]
  }
  statement {
    actions   = ["iam:PassRole"]
    resources = [aws_iam_role.service.arn, aws_iam_role.ec2.arn]
  }
}

resource "aws_iam_role_policy" "scheduler" {
  name   = "run-vigil-cluster"
  role   = aws_iam_role.scheduler.id
  policy = data.aws_iam_policy_document.scheduler.json
}

# ---------------------------------------------------------------------------------------------------------------
# The schedule: EventBridge Scheduler's universal target calls EMR RunJobFlow with the cluster and its steps
# ---------------------------------------------------------------------------------------------------------------

resource "aws_scheduler_schedule" "vigil" {
  name                         = var.name
  schedule_expression          = var.schedule_expression
  schedule_expression_timezone = var.schedule_timezone
  state                        = var.schedule_enabled ? "ENABLED" : "DISABLED"

  flexible_time_window {
    mode = "OFF"
  }

  target {
    arn      = "arn:${data.aws_partition.current.partition}:scheduler:::aws-sdk:emr:runJobFlow"
    role_arn = aws_iam_role.scheduler.arn
    input    = jsonencode(local.run_job_flow)

    retry_policy {
      maximum_retry_attempts = 0
    }
  }
}
