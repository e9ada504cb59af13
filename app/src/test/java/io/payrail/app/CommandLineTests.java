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
                "audit", "ach", "bank", "bench");
    }

    @Test
    void resolving_a_bank_file_needs_exactly_one_decision_and_a_note() {
        Outcome neither = run("bank", "resolve", "PAY.ach", "--note", "checked");
        Outcome both = run("bank", "resolve", "PAY.ach", "--sent", "--not-sent", "--note", "checked");
        Outcome noNote = run("bank", "resolve", "PAY.ach", "--sent");

        assertThat(neither.exitCode()).isEqualTo(1);
        assertThat(neither.err()).contains("--sent", "--not-sent").doesNotContain("\tat ");
        assertThat(both.exitCode()).isEqualTo(1);
        assertThat(both.err()).contains("mutually exclusive").doesNotContain("\tat ");
        assertThat(noNote.exitCode()).isEqualTo(1);
        assertThat(noNote.err()).contains("--note").doesNotContain("\tat ");
    }

    @Test
    void listing_bank_files_of_an_unknown_direction_or_over_the_limit_is_refused_in_one_line_before_any_database_work() {
        Outcome direction = run("bank", "files", "--direction", "sideways");
        Outcome limit = run("bank", "files", "--limit", "0");

        assertThat(direction.exitCode()).isEqualTo(1);
        assertThat(direction.err()).contains("unknown direction 'sideways'; expected one of [outbound, inbound]")
                .doesNotContain("\tat ");
        assertThat(limit.exitCode()).isEqualTo(1);
        assertThat(limit.err()).contains("--limit must be 1..1000, got 0").doesNotContain("\tat ");
    }

    @Test
    void revoking_by_something_that_is_not_an_id_is_refused_in_one_line_and_a_pasted_key_is_never_repeated() {
        String pastedKey = "prk_live_" + "7".repeat(43);
        Outcome key = run("apikeys", "revoke", pastedKey);
        Outcome text = run("apikeys", "revoke", "last-week's-key");

        assertThat(key.exitCode()).isEqualTo(1);
        assertThat(key.err()).contains("that is an API key, not its id").doesNotContain("7777").doesNotContain("\tat ");
        assertThat(text.exitCode()).isEqualTo(1);
        assertThat(text.err()).contains("not an API key id: 'last-week's-key'").doesNotContain("\tat ");
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
