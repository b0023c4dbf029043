package dev.heavyweight.gateway.service;

import java.net.URI;

/** How a finished image reaches the client. */
public sealed interface ImageDelivery {

    /** Send the client to a presigned S3 URL. */
    record Redirect(URI url) implements ImageDelivery {
    }

    /** The PNG bytes themselves, proxied through the gateway. */
    record Png(byte[] bytes) implements ImageDelivery {
    }
}
