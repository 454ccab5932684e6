package dev.vigil.cli;

import com.beust.jcommander.JCommander;
import com.beust.jcommander.Parameter;
import com.beust.jcommander.ParameterException;
import dev.vigil.config.CalculatorChoices;
import dev.vigil.internal.Errors;
import dev.vigil.internal.Secrets;
import dev.vigil.internal.UserException;
import dev.vigil.internal.Version;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code vigil <command> ...}: run, validate, export, report, generate, demo. Exit codes (CONTRACT
 * §1): 0 success; 2 the configuration or input is wrong (one line naming the key, column or file);
 * 1 any other failure; 3 a run with {@code --fail-on-alert} raised alerts.
 */
public final class Main {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USER_ERROR = 2;
    public static final int ALERTS = 3;

    /** One subcommand. */
    public interface Command {
        int call(PrintStream out) throws Exception;
    }

    public static void main(String[] args) {
        int code = execute(args, System.out, System.err);
        System.out.flush();
        System.exit(code);
    }

    /** Runs one command line; returns its exit code (never calls System.exit). */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        return execute(args, out, err, true);
    }

    /**
     * Parses a command line exactly as {@link #execute} does but runs nothing: prints {@code vigil:
     * would run <command>} and returns 0 when it parses into a command, the usage for {@code --help},
     * and 2 with the parser's one-line message otherwise. Job definitions (jobs/, terraform/) are
     * checked against the real parser with this.
     */
    public static int parseOnly(String[] args, PrintStream out, PrintStream err) {
        return execute(args, out, err, false);
    }

    private static int execute(String[] args, PrintStream out, PrintStream err, boolean run) {
        Map<String, CliCommand> commands = new LinkedHashMap<>();
        commands.put("run", new RunCommand());
        commands.put("fit", new FitCommand());
        commands.put("validate", new ValidateCommand());
        commands.put("export", new ExportCommand());
        commands.put("report", new ReportCommand());
        commands.put("views", new ViewsCommand());
        commands.put("generate", new GenerateCommand());
        commands.put("demo", new DemoCommand());
        GlobalOptions global = new GlobalOptions();
        JCommander.Builder builder = JCommander.newBuilder().addObject(global).programName("vigil");
        commands.forEach(builder::addCommand);
        JCommander jc = builder.build();
        try {
            jc.parse(args);
        } catch (ParameterException e) {
            err.println("vigil: error: " + Secrets.redact(e.getMessage()) + " (see 'vigil --help')");
            return USER_ERROR;
        }
        if (global.version) {
            out.println("vigil " + Version.VERSION);
            return OK;
        }
        String name = jc.getParsedCommand();
        if (global.help || name == null) {
            StringBuilder sb = new StringBuilder();
            jc.getUsageFormatter().usage(sb);
            out.print(sb.append(CalculatorChoices.help()));
            return name == null && !global.help ? USER_ERROR : OK;
        }
        JCommander sub = jc.getCommands().get(name);
        if (commands.get(name).help) {
            StringBuilder sb = new StringBuilder();
            sub.getUsageFormatter().usage(sb);
            if (commands.get(name).readsConfiguration()) {
                sb.append(CalculatorChoices.help());
            }
            out.print(sb);
            return OK;
        }
        if (!run) {
            out.println("vigil: would run " + name);
            return OK;
        }
        try {
            return commands.get(name).call(out);
        } catch (Exception e) {
            UserException user = Errors.userError(e);
            if (user != null) {
                err.println("vigil: error: " + Secrets.redact(oneLine(user.getMessage())));
                return USER_ERROR;
            }
            err.println("vigil: failed: " + Secrets.redact(String.valueOf(e)));
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            err.print(Secrets.redact(trace.toString()));
            return FAILED;
        }
    }

    /** User errors are one line (CONTRACT §1): any line breaks a message picked up are folded. */
    static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /** Options before the command. */
    static final class GlobalOptions {
        @Parameter(
                names = {"--help", "-h"},
                help = true,
                description = "Show this help")
        boolean help;

        @Parameter(names = "--version", description = "Print the version")
        boolean version;
    }
}
