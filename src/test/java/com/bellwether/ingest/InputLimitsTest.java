package com.bellwether.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.bellwether.store.Database;
import com.bellwether.store.Dialect;
import com.bellwether.store.FreshDatabases;

/** The text limits the importer checks are the lengths of the columns that store the text, on both databases. */
class InputLimitsTest {

    /** Where each canonical text column is stored (table.column); some are stored twice. */
    private static final Map<String, String[]> STORED = Map.ofEntries(
            Map.entry("account_id", new String[] {"account.account_id"}),
            Map.entry("name", new String[] {"account.name"}),
            Map.entry("segment", new String[] {"account.segment"}),
            Map.entry("industry", new String[] {"account.industry"}),
            Map.entry("region", new String[] {"account.region"}),
            Map.entry("csm", new String[] {"account.csm", "account_history.csm"}),
            Map.entry("lifecycle_stage", new String[] {"account.lifecycle_stage", "account_history.lifecycle_stage"}),
            Map.entry("ticket_id", new String[] {"ticket.ticket_id"}),
            Map.entry("contact", new String[] {"contact.name"}),
            Map.entry("author", new String[] {"note.author"}),
            Map.entry("reason", new String[] {"note.reason"}),
            Map.entry("subject", new String[] {"ticket.subject"}),
            Map.entry("description", new String[] {"ticket.description"}),
            Map.entry("comment", new String[] {"survey.comment"}),
            Map.entry("summary", new String[] {"interaction.summary"}),
            Map.entry("metric", new String[] {"usage_metric.name"}));

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void everyTextLimitIsTheLengthOfItsColumn(Dialect dialect) throws Exception {
        assertThat(InputLimits.textLengths().keySet()).isEqualTo(STORED.keySet());
        assertThat(InputLimits.METRIC_NAME_LENGTH).isEqualTo(InputLimits.textLength("metric"));
        try (FreshDatabases databases = new FreshDatabases()) {
            Database database = databases.open(dialect);
            try (Connection connection = database.connect();
                 PreparedStatement statement = connection.prepareStatement("SELECT character_maximum_length"
                         + " FROM information_schema.columns WHERE LOWER(table_name) = ? AND LOWER(column_name) = ?")) {
                for (Map.Entry<String, String[]> column : STORED.entrySet()) {
                    for (String stored : column.getValue()) {
                        String[] parts = stored.split("\\.");
                        statement.setString(1, parts[0]);
                        statement.setString(2, parts[1]);
                        try (ResultSet rs = statement.executeQuery()) {
                            assertThat(rs.next()).as(stored).isTrue();
                            assertThat(rs.getInt(1)).as(stored).isEqualTo(InputLimits.textLength(column.getKey()));
                        }
                    }
                }
            }
        }
    }
}
