"""Vigil from Airflow: two ways to run `vigil run` every day.

* ``vigil_spark_submit``: SparkSubmitOperator (apache-airflow-providers-apache-spark) against a Spark
  cluster reachable through the ``spark_default`` connection (YARN, Kubernetes, standalone).
* ``vigil_emr``: EmrAddStepsOperator + EmrStepSensor (apache-airflow-providers-amazon) adding the Vigil
  step to a running EMR cluster whose id is the Airflow Variable ``vigil_emr_cluster_id``.

The argument lists are the ones in jobs/emr-step.json and are checked against Vigil's own command-line
parser by dev.vigil.deploy.JobDefinitionsTest: keep every VIGIL_ARGS list a literal list of strings.
Exit code 3 (``--fail-on-alert``) fails the task, so alerts can stop downstream tasks.
"""

from datetime import datetime, timedelta

from airflow import DAG
from airflow.providers.amazon.aws.operators.emr import EmrAddStepsOperator
from airflow.providers.amazon.aws.sensors.emr import EmrStepSensor
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

VIGIL_JAR = "s3://my-vigil-bucket/jars/vigil-0.1.0.jar"
MAIN_CLASS = "dev.vigil.cli.Main"
DEFAULT_ARGS = {"owner": "ml-platform", "retries": 1, "retry_delay": timedelta(minutes=10)}

# --- 1. spark-submit ---------------------------------------------------------------------------------------
# The configuration is read from the driver's local file system: in client mode that is the Airflow worker,
# so the YAML ships with the DAGs. application_args is templated: --run-date gets the run's logical date, which
# fills {{run_date}} in the monitor's paths (incremental daily runs: docs/production.md).
SPARK_SUBMIT_VIGIL_ARGS = ["run", "--config", "/opt/airflow/dags/vigil/car_loan.yaml", "--run-date", "{{ ds }}", "--fail-on-alert"]

with DAG(
    dag_id="vigil_spark_submit",
    default_args=DEFAULT_ARGS,
    schedule="0 6 * * *",
    start_date=datetime(2026, 1, 1),
    catchup=False,
    tags=["vigil", "monitoring"],
) as spark_dag:
    SparkSubmitOperator(
        task_id="vigil_run",
        conn_id="spark_default",
        application=VIGIL_JAR,
        java_class=MAIN_CLASS,
        application_args=SPARK_SUBMIT_VIGIL_ARGS,
        deploy_mode="client",
        packages="io.delta:delta-spark_2.12:3.3.2",
        conf={
            "spark.sql.extensions": "io.delta.sql.DeltaSparkSessionExtension",
            "spark.sql.catalog.spark_catalog": "org.apache.spark.sql.delta.catalog.DeltaCatalog",
        },
        name="vigil-car-loan",
    )

# --- 2. EMR step -----------------------------------------------------------------------------------------
EMR_CONFIG_S3 = "s3://my-vigil-bucket/monitors/car_loan.yaml"
EMR_CONFIG_LOCAL = "/home/hadoop/vigil/car_loan.yaml"
EMR_VIGIL_ARGS = ["run", "--config", "/home/hadoop/vigil/car_loan.yaml", "--output", "s3://my-vigil-bucket/output"]

EMR_STEPS = [
    {
        "Name": "vigil-fetch-config",
        "ActionOnFailure": "CONTINUE",
        "HadoopJarStep": {"Jar": "command-runner.jar", "Args": ["aws", "s3", "cp", EMR_CONFIG_S3, EMR_CONFIG_LOCAL]},
    },
    {
        "Name": "vigil-run-car-loan",
        "ActionOnFailure": "CONTINUE",
        "HadoopJarStep": {
            "Jar": "command-runner.jar",
            "Args": [
                "spark-submit", "--deploy-mode", "client", "--class", MAIN_CLASS,
                "--jars", "/usr/share/aws/delta/lib/delta-spark.jar,/usr/share/aws/delta/lib/delta-storage.jar",
                VIGIL_JAR,
            ] + EMR_VIGIL_ARGS,
        },
    },
]

with DAG(
    dag_id="vigil_emr",
    default_args=DEFAULT_ARGS,
    schedule="0 6 * * *",
    start_date=datetime(2026, 1, 1),
    catchup=False,
    tags=["vigil", "monitoring", "emr"],
) as emr_dag:
    add_steps = EmrAddStepsOperator(
        task_id="add_vigil_steps",
        job_flow_id="{{ var.value.vigil_emr_cluster_id }}",
        aws_conn_id="aws_default",
        steps=EMR_STEPS,
    )
    # the last step id is Vigil's run; the sensor fails the task when the step fails
    wait_for_vigil = EmrStepSensor(
        task_id="wait_for_vigil",
        job_flow_id="{{ var.value.vigil_emr_cluster_id }}",
        step_id="{{ task_instance.xcom_pull(task_ids='add_vigil_steps', key='return_value')[-1] }}",
        aws_conn_id="aws_default",
    )
    add_steps >> wait_for_vigil
