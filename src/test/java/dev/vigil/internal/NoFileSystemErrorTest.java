package dev.vigil.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.hadoop.fs.UnsupportedFileSystemException;
import org.junit.jupiter.api.Test;

/** Hadoop's "no FileSystem for scheme" becomes one line naming the scheme and what provides it. */
class NoFileSystemErrorTest {
    @Test
    void s3aWithoutHadoopAwsSaysHowToGetIt() {
        UserException e = Errors.userError(new IllegalStateException(
                "read failed", new UnsupportedFileSystemException("No FileSystem for scheme \"s3a\"")));
        assertThat(e).isNotNull();
        assertThat(e.getMessage())
                .startsWith("no Hadoop FileSystem for 's3a://' paths on this classpath")
                .contains("VIGIL_S3=1", "hadoop-aws")
                .doesNotContain("\n");
    }

    @Test
    void otherSchemesNameTheirConnector() {
        UserException e = Errors.userError(new UnsupportedFileSystemException("No FileSystem for scheme \"gs\""));
        assertThat(e.getMessage()).contains("'gs://'", "connector for gs://");
    }

    @Test
    void otherFailuresAreNotUserErrors() {
        assertThat(Errors.userError(new IllegalStateException("disk full"))).isNull();
    }
}
