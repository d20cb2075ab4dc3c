package io.shoperp.ops;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Credentials of the operator endpoints (Hawtio, Jolokia, admin API, actuator beyond health and metrics).
 * Without a password those endpoints stay closed: there is no default password.
 */
@ConfigurationProperties("admin")
public record AdminProperties(String username, String password) {

    public AdminProperties {
        username = username == null || username.isBlank() ? "admin" : username;
    }

    public boolean enabled() {
        return password != null && !password.isBlank();
    }
}
