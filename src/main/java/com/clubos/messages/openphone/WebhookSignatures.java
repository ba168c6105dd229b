package com.clubos.messages.openphone;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The two signature schemes OpenPhone uses for webhooks, computed over the raw request bytes.
 * <ul>
 * <li>{@code openphone-signature: hmac;1;<timestamp>;<base64 HMAC-SHA256(key, "<timestamp>.<body>")>}</li>
 * <li>Standard Webhooks: {@code webhook-signature: v1,<base64 HMAC-SHA256(key, "<id>.<timestamp>.<body>")>}</li>
 * </ul>
 * In both the key is the base64-decoded signing secret (a {@code whsec_} prefix is dropped).
 */
public final class WebhookSignatures {

    private static final String STANDARD_SECRET_PREFIX = "whsec_";

    private WebhookSignatures() {}

    /** The HMAC key of a signing secret as OpenPhone shows it (base64, possibly {@code whsec_}-prefixed). */
    public static byte[] key(String signingSecret) {
        String secret = signingSecret.strip();
        if (secret.startsWith(STANDARD_SECRET_PREFIX)) {
            secret = secret.substring(STANDARD_SECRET_PREFIX.length());
        }
        try {
            return Base64.getDecoder().decode(secret);
        } catch (IllegalArgumentException notBase64) {
            // A secret that is not base64 is used as it is written.
            return secret.getBytes(StandardCharsets.UTF_8);
        }
    }

    /** What kind of secret this is, for the start-up log: never the secret itself. */
    public static String describe(String signingSecret) {
        String secret = signingSecret.strip();
        if (secret.startsWith(STANDARD_SECRET_PREFIX)) {
            return "Standard Webhooks (whsec_…)";
        }
        try {
            Base64.getDecoder().decode(secret);
            return "OpenPhone (base64)";
        } catch (IllegalArgumentException notBase64) {
            return "plain text (not base64: used as written)";
        }
    }

    /** The value of an {@code openphone-signature} header for this body. */
    public static String openPhoneHeader(byte[] key, String timestamp, byte[] body) {
        return "hmac;1;" + timestamp + ";" + openPhoneDigest(key, timestamp, body);
    }

    /** The value of a Standard-Webhooks {@code webhook-signature} header for this body. */
    public static String standardHeader(byte[] key, String webhookId, String timestamp, byte[] body) {
        return "v1," + standardDigest(key, webhookId, timestamp, body);
    }

    static String openPhoneDigest(byte[] key, String timestamp, byte[] body) {
        return hmac(key, (timestamp + ".").getBytes(StandardCharsets.UTF_8), body);
    }

    static String standardDigest(byte[] key, String webhookId, String timestamp, byte[] body) {
        return hmac(key, (webhookId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8), body);
    }

    private static String hmac(byte[] key, byte[] prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(prefix);
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }
}
