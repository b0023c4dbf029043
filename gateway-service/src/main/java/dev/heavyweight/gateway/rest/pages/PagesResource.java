package dev.heavyweight.gateway.rest.pages;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The two pages: the playground at {@code /} and the operations page at {@code /ops}. Plain HTML with JavaScript
 * modules under {@code /ui/} (META-INF/resources), no build step. The pages themselves hold no data and need no
 * token; every figure they show comes from the API with the token the person signed in with (kept in session
 * storage), so {@code /ops} shows nothing to a token without the admin role. Served here rather than as static
 * files for their security headers: scripts, styles and API calls only from this origin, images also from the
 * presigned S3 URLs, no framing, no referrer.
 */
@Path("/")
public class PagesResource {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self'; img-src 'self' blob: data: http: https:; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'; object-src 'none'";

    private static final byte[] PLAYGROUND = read("web/playground.html");
    private static final byte[] OPS = read("web/ops.html");

    @GET
    @Produces("text/html;charset=utf-8")
    @Operation(hidden = true)
    public Response playground() {
        return page(PLAYGROUND);
    }

    @GET
    @Path("ops")
    @Produces("text/html;charset=utf-8")
    @Operation(hidden = true)
    public Response ops() {
        return page(OPS);
    }

    private static Response page(byte[] html) {
        return Response.ok(html)
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-cache")
                .build();
    }

    private static byte[] read(String resource) {
        try (InputStream in = PagesResource.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the gateway's classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
