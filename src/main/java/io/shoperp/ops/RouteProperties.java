package io.shoperp.ops;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code bridge.routes-dir}: the deployment's own routes folder; {@code bridge.routes-reload}: reload its YAML files
 * when they change, without a restart (a development aid: Camel's route reload, wired in application.yaml, where the
 * defaults of both are). The topic table's rows are {@code bridge.topics} ({@link io.shoperp.topics.TopicProperties}).
 */
@ConfigurationProperties("bridge")
public class RouteProperties {

    private Path routesDir;
    private boolean routesReload;

    public Path getRoutesDir() {
        return routesDir;
    }

    public void setRoutesDir(Path routesDir) {
        this.routesDir = routesDir;
    }

    public boolean isRoutesReload() {
        return routesReload;
    }

    public void setRoutesReload(boolean routesReload) {
        this.routesReload = routesReload;
    }
}
