package io.shoperp.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.shoperp.topics.TopicRoute;
import io.shoperp.topics.TopicTable;
import org.apache.camel.CamelContext;
import org.apache.camel.model.ChoiceDefinition;
import org.apache.camel.model.Model;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.ToDefinition;
import org.apache.camel.model.WhenDefinition;
import org.springframework.stereotype.Component;

/**
 * The contract every route of the inbox stages keeps, built-in or from a deployment's config/routes, checked before
 * the routes start: a route that breaks it stops the application with a message naming the route and what is
 * missing, instead of running with events that fail silently.
 * <ul>
 * <li>One route per endpoint: a deployment route replaces a built-in one only under its id, so a second route on the
 * same endpoint is a typo in the id.</li>
 * <li>{@value #PROCESS} handles failures with {@value #ERRORS} (the dead letter channel and the retries).</li>
 * <li>{@value #ROUTER} and every stage it sends to leave failures to {@value #PROCESS} ({@value #STAGE}): a stage
 * with error handling of its own would swallow the failure, and the event would stay PROCESSING with no reason.</li>
 * <li>{@value #ROUTER}'s when clauses route each topic where the topic table says (topics only the table names go
 * through its otherwise), and every stage of the table has its route.</li>
 * </ul>
 */
@Component
public class RouteContract {

    static final String PROCESS = "inbox-process";
    static final String ROUTER = "inbox-topic-router";
    static final String ERRORS = "inbox-errors";
    static final String STAGE = "inbox-stage";

    /** The router's conditions: {@code ${body.topic} == 'a'} or {@code ${body.topic} in 'a,b'}. */
    private static final Pattern ONE_TOPIC = Pattern.compile("\\s*\\$\\{body\\.topic}\\s*==\\s*'([^']+)'\\s*");
    private static final Pattern TOPIC_LIST = Pattern.compile("\\s*\\$\\{body\\.topic}\\s+in\\s+'([^']+)'\\s*");
    private static final Pattern TEMPLATE_PARAMETER = Pattern.compile("\\{\\{([^}:]+)}}");

    private final TopicTable topics;

    public RouteContract(TopicTable topics) {
        this.topics = topics;
    }

    /** @throws IllegalStateException naming every route that breaks the contract, and how */
    public void check(CamelContext camelContext) {
        List<RouteDefinition> routes = camelContext.getCamelContextExtension().getContextPlugin(Model.class)
                .getRouteDefinitions();
        List<String> problems = new ArrayList<>();
        Map<String, RouteDefinition> byEndpoint = consumersByEndpoint(routes, problems);
        requireErrorHandling(route(routes, PROCESS), PROCESS, ERRORS, "the dead letter channel and retries", problems);
        Optional<RouteDefinition> router = route(routes, ROUTER);
        requireErrorHandling(router, ROUTER, STAGE, "failures go back to " + PROCESS, problems);
        router.ifPresent(definition -> compareWithTable(definition, problems));
        requireStageRoutes(byEndpoint, problems);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the routes break the inbox stage contract (docs/routes.md):\n - "
                    + String.join("\n - ", problems));
        }
    }

    private static Map<String, RouteDefinition> consumersByEndpoint(List<RouteDefinition> routes, List<String> problems) {
        Map<String, RouteDefinition> byEndpoint = new LinkedHashMap<>();
        for (RouteDefinition route : routes) {
            String endpoint = endpoint(route, route.getEndpointUrl());
            RouteDefinition other = byEndpoint.putIfAbsent(endpoint, route);
            if (other != null) {
                problems.add("routes " + other.getRouteId() + " and " + route.getRouteId() + " both consume " + endpoint
                        + ": a deployment route replaces a built-in one only under the built-in route's id (is one of"
                        + " them a typo?)");
            }
        }
        return byEndpoint;
    }

    private static void requireErrorHandling(Optional<RouteDefinition> route, String id, String configuration,
                                             String why, List<String> problems) {
        if (route.isEmpty()) {
            problems.add("route " + id + " is missing");
        } else if (!configuration.equals(route.get().getRouteConfigurationId())) {
            problems.add("route " + id + " needs routeConfigurationId: " + configuration + " (" + why + ")");
        }
    }

    /** Every stage of the topic table is consumed by a route with the stage's error handling. */
    private void requireStageRoutes(Map<String, RouteDefinition> byEndpoint, List<String> problems) {
        Map<String, List<String>> topicsByStage = new TreeMap<>();
        topics.rows().forEach(row -> row.stage().ifPresent(stage ->
                topicsByStage.computeIfAbsent(stage, s -> new ArrayList<>()).add(row.topic())));
        topicsByStage.forEach((stage, stageTopics) -> {
            RouteDefinition route = byEndpoint.get(normalise(stage));
            if (route == null) {
                problems.add("no route consumes " + stage + ", the stage of " + stageTopics + " in the topic table");
            } else if (!STAGE.equals(route.getRouteConfigurationId())) {
                problems.add("route " + route.getRouteId() + " consumes the stage " + stage + " but lacks"
                        + " routeConfigurationId: " + STAGE + " (a failure must go back to " + PROCESS + " to end DEAD"
                        + " or be retried; the erpnext-apply and local-apply templates set it)");
            }
        });
    }

    /** The router's when clauses, read as topic -> stage, must route as the table does. */
    private void compareWithTable(RouteDefinition router, List<String> problems) {
        Map<String, String> routed = new TreeMap<>();
        for (ProcessorDefinition<?> output : router.getOutputs()) {
            if (output instanceof ChoiceDefinition choice) {
                for (WhenDefinition when : choice.getWhenClauses()) {
                    readWhen(router, when, routed, problems);
                }
            }
        }
        Map<String, String> table = new TreeMap<>();
        for (TopicRoute row : topics.rows()) {
            row.stage().ifPresent(stage -> table.put(row.topic(), normalise(stage)));
        }
        routed.forEach((topic, stage) -> {
            String expected = table.get(topic);
            if (expected == null) {
                problems.add(ROUTER + " routes " + topic + " to " + stage + " but the topic table does not: add"
                        + " bridge.topics.\"" + topic + "\" (entity-key, data-kind, stage: " + stage + ")");
            } else if (!expected.equals(stage)) {
                problems.add(ROUTER + " routes " + topic + " to " + stage + " but the topic table to " + expected
                        + ": set bridge.topics.\"" + topic + "\".stage, or route it to " + expected);
            }
        });
    }

    private static void readWhen(RouteDefinition router, WhenDefinition when, Map<String, String> routed,
                                 List<String> problems) {
        String condition = when.getExpression() == null ? "" : when.getExpression().getExpression();
        List<String> whenTopics = topicsOf(condition);
        List<String> targets = when.getOutputs().stream().filter(ToDefinition.class::isInstance)
                .map(to -> endpoint(router, ((ToDefinition) to).getUri())).toList();
        if (whenTopics.isEmpty() || targets.size() != 1 || when.getOutputs().size() != 1) {
            problems.add(ROUTER + ": each when must read ${body.topic} == 'topic' or ${body.topic} in 'a,b' and only"
                    + " send to its stage (- to: direct:<stage>), not: " + condition);
            return;
        }
        whenTopics.forEach(topic -> routed.put(topic, targets.get(0)));
    }

    private static List<String> topicsOf(String condition) {
        Matcher one = ONE_TOPIC.matcher(condition);
        if (one.matches()) {
            return List.of(one.group(1).trim());
        }
        Matcher list = TOPIC_LIST.matcher(condition);
        if (list.matches()) {
            List<String> found = new ArrayList<>();
            for (String topic : list.group(1).split(",")) {
                if (!topic.isBlank()) {
                    found.add(topic.trim());
                }
            }
            return found;
        }
        return List.of();
    }

    private static Optional<RouteDefinition> route(List<RouteDefinition> routes, String id) {
        return routes.stream().filter(route -> id.equals(route.getRouteId())).findFirst();
    }

    /** A route's endpoint with the parameters of the template it was made from filled in, normalised. */
    private static String endpoint(RouteDefinition route, String uri) {
        Map<String, Object> parameters = route.getTemplateParameters();
        Matcher parameter = TEMPLATE_PARAMETER.matcher(uri == null ? "" : uri);
        StringBuilder filled = new StringBuilder();
        while (parameter.find()) {
            Object value = parameters == null ? null : parameters.get(parameter.group(1));
            parameter.appendReplacement(filled, Matcher.quoteReplacement(value == null ? parameter.group() : value.toString()));
        }
        parameter.appendTail(filled);
        return normalise(filled.toString());
    }

    /** direct://x and direct:x are one endpoint; parameters do not make another. */
    private static String normalise(String uri) {
        String withoutParameters = uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri;
        return withoutParameters.replaceFirst("^([a-z-]+):/+", "$1:");
    }
}
