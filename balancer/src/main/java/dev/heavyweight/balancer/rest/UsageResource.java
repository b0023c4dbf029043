package dev.heavyweight.balancer.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.heavyweight.balancer.economics.EconomicsConfig;
import dev.heavyweight.balancer.economics.UsageLedger;
import dev.heavyweight.balancer.economics.UsageRecord;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * The fleet's cost ledger ({@link UsageLedger}) for collectors: records after a sequence number, oldest first.
 * Read-only figures of the kind /q/metrics shows too, so unlike {@code /admin} it is open to every caller.
 */
@Path("/v1/usage")
@Produces(MediaType.APPLICATION_JSON)
public class UsageResource {

    static final int MAX_LIMIT = 10_000;

    public record UsagePage(String balancer, String currency, @JsonProperty("interval_seconds") double intervalSeconds,
            @JsonProperty("last_seq") long lastSeq, List<UsageRecord> records) {
    }

    private final UsageLedger ledger;
    private final EconomicsConfig config;

    UsageResource(UsageLedger ledger, EconomicsConfig config) {
        this.ledger = ledger;
        this.config = config;
    }

    @GET
    public UsagePage page(@QueryParam("after") @DefaultValue("0") long after,
            @QueryParam("limit") @DefaultValue("1000") int limit) {
        if (after < 0) {
            throw new BadRequestException("after must be 0 or a seq this ledger returned");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new BadRequestException("limit must be between 1 and " + MAX_LIMIT);
        }
        List<UsageRecord> records = ledger.after(after, limit);
        long last = records.isEmpty() ? after : records.get(records.size() - 1).seq();
        return new UsagePage(ledger.id(), config.currency(), config.interval().toMillis() / 1000.0, last, records);
    }
}
