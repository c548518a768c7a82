package io.runnerorchestrator.adapter.github.app;

import java.io.ByteArrayOutputStream;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A GitHub App's RSA private key, read from PEM: PKCS#1 ({@code BEGIN RSA PRIVATE KEY}, the file
 * GitHub hands out) or PKCS#8 ({@code BEGIN PRIVATE KEY}). Never printed; errors never quote it.
 */
public final class AppPrivateKey {

    /** jjwt refuses shorter keys for RS256; GitHub generates 2048-bit ones. */
    static final int MIN_BITS = 2048;
    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
    /** AlgorithmIdentifier of rsaEncryption (OID 1.2.840.113549.1.1.1) with NULL parameters, DER. */
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
            (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    private static final byte[] VERSION_0 = {0x02, 0x01, 0x00};

    private final RSAPrivateKey key;

    private AppPrivateKey(RSAPrivateKey key) {
        this.key = key;
    }

    /**
     * @param pem    the key file's text; a one-line value with literal {@code \n} (as .env files
     *               hold it) is accepted too
     * @param source where it came from, to start error messages, e.g. {@code GITHUB_APP_PRIVATE_KEY}
     * @throws IllegalArgumentException naming {@code source} and the problem, never the key
     */
    public static AppPrivateKey fromPem(String pem, String source) {
        Matcher block = PEM.matcher(pem.replace("\\n", "\n"));
        if (!block.find()) {
            throw new IllegalArgumentException(source + " is not a PEM private key (expected -----BEGIN RSA PRIVATE KEY-----"
                    + " as GitHub hands it out, or -----BEGIN PRIVATE KEY-----; value not shown)");
        }
        String type = block.group(1);
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(block.group(2).strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + " has a PEM body that is not base64 (value not shown)");
        }
        byte[] pkcs8 = switch (type) {
            case "RSA PRIVATE KEY" -> pkcs8OfPkcs1(der);
            case "PRIVATE KEY" -> der;
            case "ENCRYPTED PRIVATE KEY" -> throw new IllegalArgumentException(source
                    + " is encrypted; give the key unencrypted, as GitHub hands it out");
            default -> throw new IllegalArgumentException(source + " holds a PEM '" + type
                    + "', expected an RSA private key (BEGIN RSA PRIVATE KEY or BEGIN PRIVATE KEY)");
        };
        RSAPrivateKey key = rsa(pkcs8, source);
        int bits = key.getModulus().bitLength();
        if (bits < MIN_BITS) {
            throw new IllegalArgumentException(source + " is a " + bits + "-bit RSA key; RS256 needs at least " + MIN_BITS);
        }
        return new AppPrivateKey(key);
    }

    /** For signing app JWTs, in this package only. */
    RSAPrivateKey rsa() {
        return key;
    }

    public int bits() {
        return key.getModulus().bitLength();
    }

    @Override
    public String toString() {
        return "AppPrivateKey[RSA " + bits() + " bits, <redacted>]";
    }

    private static RSAPrivateKey rsa(byte[] pkcs8, String source) {
        try {
            return (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (InvalidKeySpecException | ClassCastException e) {
            throw new IllegalArgumentException(source + " is not a readable RSA private key (value not shown)");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no RSA KeyFactory", e);
        }
    }

    /**
     * PKCS#1 RSAPrivateKey inside a PKCS#8 PrivateKeyInfo, which the JDK's KeyFactory reads:
     * {@code SEQUENCE { INTEGER 0, rsaEncryption, OCTET STRING { pkcs1 } }}.
     */
    static byte[] pkcs8OfPkcs1(byte[] pkcs1) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(VERSION_0);
        body.writeBytes(RSA_ALGORITHM);
        body.writeBytes(tagged(0x04, pkcs1));
        return tagged(0x30, body.toByteArray());
    }

    /** A DER element: tag, length (short or long form), content. */
    private static byte[] tagged(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | bytes);
            for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) {
                out.write(length >>> shift);
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }
}
