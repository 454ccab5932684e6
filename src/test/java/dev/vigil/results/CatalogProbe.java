package dev.vigil.results;

import dev.vigil.cli.Main;
import dev.vigil.cli.Sessions;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * A child JVM's script against the session catalog (a Hive metastore in {@link
 * CatalogTablesSparkTest}): its arguments in order, each a {@code vigil} command line (words split
 * on spaces) or {@code sql:} and a query. Prints {@code #i exit N} after a command and {@code #i
 * row a|b|c} per row of a query ({@code #i failed: message} when it fails), {@code #i} the
 * argument's position.
 */
public final class CatalogProbe {
    private CatalogProbe() {}

    public static void main(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("sql:")) {
                try {
                    List<Row> rows = Sessions.getOrCreate().sql(a.substring(4)).collectAsList();
                    for (Row r : rows) {
                        StringBuilder line = new StringBuilder("#" + i + " row ");
                        for (int c = 0; c < r.size(); c++) {
                            line.append(c == 0 ? "" : "|").append(r.get(c));
                        }
                        System.out.println(line);
                    }
                    System.out.println("#" + i + " rows " + rows.size());
                } catch (RuntimeException e) {
                    System.out.println("#" + i + " failed: "
                            + String.valueOf(e.getMessage()).replace('\n', ' '));
                }
            } else {
                int code = Main.execute(a.split(" "), System.out, System.out);
                System.out.println("#" + i + " exit " + code);
            }
            System.out.flush();
        }
        System.exit(0);
    }
}
