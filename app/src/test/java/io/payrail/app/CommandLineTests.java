package io.payrail.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class CommandLineTests {

    record Outcome(int exitCode, String out, String err) {}

    private static Outcome run(String... arguments) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(arguments, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void an_unknown_option_answers_one_line_and_exit_code_1() {
        Outcome outcome = run("queues", "list", "--colour");
        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.err()).contains("Unknown option: '--colour'").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void validating_a_missing_ach_file_fails_with_a_clear_message_and_no_stack_trace() {
        Outcome outcome = run("ach", "validate", "no-such-file.ach");
        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.err()).contains("no-such-file.ach").doesNotContain("\tat ");
    }

    @Test
    void a_bad_catalog_format_is_refused_in_one_line() {
        Outcome outcome = run("catalog", "--format", "yaml");
        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.err()).contains("yaml").doesNotContain("\tat ");
    }

    @Test
    void a_payload_file_named_with_an_at_sign_is_read_by_the_command_not_expanded_into_arguments() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("payload", ".json");
        java.nio.file.Files.writeString(file, "{\"a\": 1}");
        Outcome outcome = run("events", "inject", "--type", "x", "--data", "@" + file, "--help");
        assertThat(outcome.err()).doesNotContain("Unmatched arguments");
    }

    @Test
    void the_help_lists_every_command() {
        Outcome outcome = run("--help");
        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.out()).contains("run", "apikeys", "events", "subscriptions", "parked", "queues", "dlq", "catalog",
                "audit", "ach", "bench");
    }

    @Test
    void an_unknown_command_is_refused_with_the_list_of_commands_to_choose_from() {
        Outcome outcome = run("rnu");
        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.err()).contains("Unmatched argument", "rnu").doesNotContain("\tat ");
    }

    @Test
    void a_command_builds_only_its_own_subcommand_and_keeps_its_complete_help() {
        assertThat(Main.commandLine(new String[] {"queues", "list"}).getSubcommands()).containsOnlyKeys("queues");
        assertThat(Main.commandLine(new String[] {"--help"}).getSubcommands().keySet()).containsExactlyElementsOf(Main.SUBCOMMANDS.keySet());

        Outcome outcome = run("queues", "--help");
        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.out()).contains("list");
    }
}
