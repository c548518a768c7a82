package io.runnerorchestrator.adapter.docker;

import com.github.dockerjava.api.DockerClient;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Places a runner's secret files into its created (not yet started) container through the engine's
 * archive API, so a secret such as the registration token is never in the container's configuration
 * ({@code docker inspect}) or its processes' environment. Each file is readable by its owner only.
 */
final class SecretFiles {

    /** The {@code runner} user of the actions-runner image (and of the fake runner's /etc/passwd). */
    static final int RUNNER_UID = 1001;
    private static final int MODE = 0600;
    private static final int BLOCK = 512;

    private final DockerClient docker;

    SecretFiles(DockerClient docker) {
        this.docker = docker;
    }

    /** Copies each file (absolute path -> content) into the container; throws the engine's exception. */
    void place(String containerId, Map<String, String> files) {
        files.forEach((path, content) -> {
            int slash = path.lastIndexOf('/');
            String directory = slash == 0 ? "/" : path.substring(0, slash);
            byte[] tar = tar(path.substring(slash + 1), content.getBytes(StandardCharsets.UTF_8));
            docker.copyArchiveToContainerCmd(containerId)
                    .withRemotePath(directory)
                    .withTarInputStream(new ByteArrayInputStream(tar))
                    .exec();
        });
    }

    /** A ustar archive of one regular file. */
    static byte[] tar(String name, byte[] content) {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        if (nameBytes.length == 0 || nameBytes.length > 100) {
            throw new IllegalArgumentException("secret file name must have 1 to 100 bytes, got " + nameBytes.length);
        }
        byte[] header = new byte[BLOCK];
        System.arraycopy(nameBytes, 0, header, 0, nameBytes.length);
        octal(header, 100, 8, MODE);
        octal(header, 108, 8, RUNNER_UID);
        octal(header, 116, 8, RUNNER_UID);
        octal(header, 124, 12, content.length);
        octal(header, 136, 12, 0);
        header[156] = '0';
        System.arraycopy("ustar\u000000".getBytes(StandardCharsets.US_ASCII), 0, header, 257, 8);
        for (int i = 148; i < 156; i++) {
            header[i] = ' ';
        }
        long sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        octal(header, 148, 7, sum);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header);
        out.writeBytes(content);
        out.writeBytes(new byte[(BLOCK - content.length % BLOCK) % BLOCK]);
        out.writeBytes(new byte[2 * BLOCK]);
        return out.toByteArray();
    }

    /** A NUL-terminated, zero-padded octal field of {@code length} bytes. */
    private static void octal(byte[] header, int offset, int length, long value) {
        String digits = Long.toOctalString(value);
        String padded = "0".repeat(Math.max(0, length - 1 - digits.length())) + digits;
        System.arraycopy(padded.getBytes(StandardCharsets.US_ASCII), 0, header, offset, length - 1);
        header[offset + length - 1] = 0;
    }
}
