package dev.autodeploy.git;

import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * What a private repository is read with: a provider token, used as the password of
 * {@code x-access-token} (GitHub's convention for tokens over HTTPS). Held only for one Git operation,
 * never stored or logged.
 */
public record GitCredentials(String username, String password) {

    public static GitCredentials token(String token) {
        return new GitCredentials("x-access-token", token);
    }

    CredentialsProvider provider() {
        return new UsernamePasswordCredentialsProvider(username, password);
    }

    @Override
    public String toString() {
        return "GitCredentials[username=" + username + ", password=******]";
    }
}
