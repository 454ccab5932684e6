package dev.vigil.testing;

import dev.vigil.results.ResultRow;
import java.sql.Timestamp;

/** Result rows for tests that need a few: the fields a test varies, the rest fixed. */
public final class ResultRowsFixture {
    private ResultRowsFixture() {}

    /**
     * A row of monitor {@code m}, run {@code run}, chunk {@code [chunk*10 : chunk*10+9]} of 10 rows,
     * complete, no dates, sampling error or confidence bounds.
     */
    public static ResultRow row(
            String calculator,
            String metric,
            String column,
            String segment,
            String period,
            int chunk,
            Double value,
            Double lower,
            Double upper,
            boolean alert,
            Timestamp computedAt) {
        return new ResultRow(
                "m",
                calculator,
                metric,
                column,
                segment,
                period,
                chunk,
                "[" + chunk * 10 + ":" + (chunk * 10 + 9) + "]",
                chunk * 10L,
                chunk * 10L + 9,
                null,
                null,
                10,
                true,
                value,
                null,
                null,
                null,
                null,
                null,
                lower,
                upper,
                alert,
                "run",
                computedAt);
    }
}
