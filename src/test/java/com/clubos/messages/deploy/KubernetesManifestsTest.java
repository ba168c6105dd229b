package com.clubos.messages.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Parses every manifest under k8s/ with the fabric8 Kubernetes model and checks that it fits the
 * service: kinds and apiVersions, probe paths and ports, env vars the service really reads, empty
 * Secret placeholders, kustomizations that point at files that exist. Plain JUnit: no Quarkus start.
 */
class KubernetesManifestsTest {

    private static final Path K8S = Path.of("k8s");
    private static final Path BASE = K8S.resolve("base");
    private static final Path PROPERTIES = Path.of("src/main/resources/application.properties");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** The kinds we deploy, each with the one apiVersion to use for it. */
    private static final Map<String, String> API_VERSIONS = Map.of(
            "Kustomization", "kustomize.config.k8s.io/v1beta1",
            "Deployment", "apps/v1",
            "Service", "v1",
            "ConfigMap", "v1",
            "Secret", "v1",
            "Ingress", "networking.k8s.io/v1",
            "HorizontalPodAutoscaler", "autoscaling/v2",
            "PodDisruptionBudget", "policy/v1",
            "NetworkPolicy", "networking.k8s.io/v1");

    private static final Map<String, Class<?>> MODEL = Map.of(
            "Deployment", Deployment.class,
            "Service", Service.class,
            "ConfigMap", ConfigMap.class,
            "Secret", Secret.class,
            "Ingress", Ingress.class,
            "HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "PodDisruptionBudget", PodDisruptionBudget.class,
            "NetworkPolicy", NetworkPolicy.class);

    /** Without these the service refuses every token, every webhook, every send, or cannot start. */
    private static final Set<String> REQUIRED = Set.of(
            "CLUBOS_JWT_SECRET", "OPENPHONE_WEBHOOK_SECRET", "DATABASE_URL", "DATABASE_PASSWORD", "OPENPHONE_API_KEY");

    /** Credentials: they belong in the Secret, never in the ConfigMap. */
    private static final Set<String> SECRET_ONLY = Set.of(
            "CLUBOS_JWT_SECRET",
            "OPENPHONE_WEBHOOK_SECRET",
            "OPENPHONE_WEBHOOK_SECRETS",
            "DATABASE_PASSWORD",
            "OPENPHONE_API_KEY",
            "ADMIN_PASSWORD");

    private static final String READY = "/q/health/ready";
    private static final String LIVE = "/q/health/live";

    // --- kinds and apiVersions ---------------------------------------------------------------

    @Test
    void everyDocumentHasAKnownKindWithItsApiVersionAndParsesIntoTheModel() {
        List<Path> files = yamlFiles(K8S);
        assertTrue(files.size() >= 10, "manifests found: " + files);
        for (Path file : files) {
            for (JsonNode doc : documents(file)) {
                String kind = doc.path("kind").asText();
                String where = file + " (kind " + kind + ")";
                assertTrue(API_VERSIONS.containsKey(kind), where + ": unknown kind");
                assertEquals(API_VERSIONS.get(kind), doc.path("apiVersion").asText(), where + ": apiVersion");
                if (MODEL.containsKey(kind)) {
                    // The model picks the class from apiVersion + kind; a wrong pair comes back generic.
                    assertInstanceOf(MODEL.get(kind), typed(doc), where + ": not parsed as its model class");
                    assertFalse(doc.path("metadata").path("name").asText().isBlank(), where + ": no metadata.name");
                }
            }
        }
    }

    @Test
    void baseHasEachObjectTheServiceNeeds() {
        Map<String, List<String>> kinds = new TreeMap<>();
        for (Path file : yamlFiles(BASE)) {
            for (JsonNode doc : documents(file)) {
                kinds.computeIfAbsent(doc.path("kind").asText(), k -> new ArrayList<>())
                        .add(doc.path("metadata").path("name").asText());
            }
        }
        assertEquals(new TreeSet<>(API_VERSIONS.keySet()), kinds.keySet());
        assertEquals(
                List.of("clubos-messages", "clubos-messages-ws"),
                kinds.get("Ingress").stream().sorted().toList());
    }

    // --- probes and ports ----------------------------------------------------------------------

    @Test
    void probesHitTheHealthEndpointsOnTheContainerPortThatTheServiceTargets() {
        Deployment deployment = one(BASE, Deployment.class);
        Container container = onlyContainer(deployment);
        ContainerPort http = container.getPorts().stream()
                .filter(p -> "http".equals(p.getName()))
                .findFirst()
                .orElseThrow();
        int port = http.getContainerPort();
        assertEquals(8080, port);

        assertEquals(READY, container.getReadinessProbe().getHttpGet().getPath());
        assertEquals(LIVE, container.getLivenessProbe().getHttpGet().getPath());
        // The HTTP port opens only after Flyway has migrated, so "live" answering means "started".
        assertTrue(Set.of(LIVE, "/q/health/started")
                .contains(container.getStartupProbe().getHttpGet().getPath()));
        for (Probe probe :
                List.of(container.getReadinessProbe(), container.getLivenessProbe(), container.getStartupProbe())) {
            assertEquals(port, resolve(probe.getHttpGet().getPort(), container), "probe port of " + probe);
        }

        Service service = one(BASE, Service.class);
        ServicePort servicePort = service.getSpec().getPorts().get(0);
        assertEquals(port, resolve(servicePort.getTargetPort(), container), "Service targetPort");
        assertTrue(
                deployment
                        .getSpec()
                        .getTemplate()
                        .getMetadata()
                        .getLabels()
                        .entrySet()
                        .containsAll(service.getSpec().getSelector().entrySet()),
                "Service selector " + service.getSpec().getSelector() + " must select the pods");

        // PORT, when the ConfigMap sets it, is the port Quarkus listens on.
        String configuredPort = one(BASE, ConfigMap.class).getData().get("PORT");
        if (configuredPort != null) {
            assertEquals(String.valueOf(port), configuredPort, "ConfigMap PORT");
        }
    }

    @Test
    void ingressRoutesTheApiTheWebhookAndTheWebSocketToTheService() {
        Service service = one(BASE, Service.class);
        ServicePort servicePort = service.getSpec().getPorts().get(0);
        Map<String, Ingress> ingresses = all(BASE, Ingress.class).stream()
                .collect(Collectors.toMap(i -> i.getMetadata().getName(), i -> i));
        Map<String, String> pathToIngress = new HashMap<>();
        Map<String, String> pathTypes = new HashMap<>();
        for (Ingress ingress : ingresses.values()) {
            assertFalse(
                    ingress.getSpec().getTls().isEmpty(), ingress.getMetadata().getName() + ": TLS");
            String host = ingress.getSpec().getRules().get(0).getHost();
            assertTrue(ingress.getSpec().getTls().get(0).getHosts().contains(host), "TLS covers " + host);
            for (HTTPIngressPath path :
                    ingress.getSpec().getRules().get(0).getHttp().getPaths()) {
                assertEquals(
                        service.getMetadata().getName(),
                        path.getBackend().getService().getName());
                var port = path.getBackend().getService().getPort();
                assertTrue(
                        servicePort.getName().equals(port.getName())
                                || servicePort.getPort().equals(port.getNumber()),
                        "backend port " + port + " must be the Service's");
                pathToIngress.put(path.getPath(), ingress.getMetadata().getName());
                pathTypes.put(path.getPath(), path.getPathType());
            }
        }
        for (String routed : List.of(
                "/",
                "/login",
                "/messages",
                "/admin",
                "/setup",
                "/account",
                "/assets/app.css",
                "/api/messages/send",
                "/api/openphone/webhook",
                "/api/audit",
                "/api/admin/staff",
                "/api/auth/setup",
                "/ws/messages")) {
            assertTrue(routes(pathTypes, routed), routed + " must reach the service");
        }
        for (String internal :
                List.of("/q/metrics", "/q/health/ready", "/q/openapi", "/q/swagger-ui/", "/messages/../q/metrics")) {
            assertFalse(routes(pathTypes, internal), internal + " must stay inside the cluster");
        }
        Map<String, String> ws =
                ingresses.get(pathToIngress.get("/ws/")).getMetadata().getAnnotations();
        assertEquals("3600", ws.get("nginx.ingress.kubernetes.io/proxy-read-timeout"));
        assertEquals("3600", ws.get("nginx.ingress.kubernetes.io/proxy-send-timeout"));
    }

    /** Whether an ingress path (Kubernetes' Prefix and Exact semantics) matches the request path. */
    private static boolean routes(Map<String, String> pathTypes, String request) {
        String normalised = Path.of(request).normalize().toString();
        return pathTypes.entrySet().stream()
                .anyMatch(entry -> entry.getValue().equals("Exact")
                        ? normalised.equals(entry.getKey())
                        : normalised.equals(entry.getKey().replaceAll("/$", ""))
                                || normalised.startsWith(
                                        entry.getKey().endsWith("/") ? entry.getKey() : entry.getKey() + "/"));
    }

    // --- environment ---------------------------------------------------------------------------

    /**
     * Every NAME in ${NAME} / ${NAME:default} of application.properties: the variables the service
     * reads. Profile lines (%dev., %test., %demo.) are left out: the cluster runs the prod profile.
     */
    static Set<String> variablesTheServiceReads() throws IOException {
        Pattern reference = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
        Set<String> names = new TreeSet<>();
        for (String line : Files.readAllLines(PROPERTIES)) {
            if (line.startsWith("%") || line.startsWith("#")) {
                continue;
            }
            Matcher m = reference.matcher(line);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    @Test
    void everyVariableSetIsOneTheServiceReadsAndEveryRequiredOneIsSet() throws IOException {
        Set<String> known = variablesTheServiceReads();
        // Guards the scan itself: if these vanished, the properties file changed shape.
        assertTrue(known.containsAll(REQUIRED), "application.properties reads " + known);

        Deployment deployment = one(BASE, Deployment.class);
        Container container = onlyContainer(deployment);
        Map<String, ConfigMap> configMaps = byName(all(BASE, ConfigMap.class));
        Map<String, Secret> secrets = byName(all(BASE, Secret.class));

        // name → where it comes from
        Map<String, String> set = new LinkedHashMap<>();
        for (EnvFromSource from : container.getEnvFrom()) {
            if (from.getConfigMapRef() != null) {
                ConfigMap cm = configMaps.get(from.getConfigMapRef().getName());
                assertNotNull(cm, "no ConfigMap " + from.getConfigMapRef().getName());
                cm.getData().keySet().forEach(k -> set.put(k, "ConfigMap"));
            }
            if (from.getSecretRef() != null) {
                Secret secret = secrets.get(from.getSecretRef().getName());
                assertNotNull(
                        secret, "no Secret (template) " + from.getSecretRef().getName());
                secretKeys(secret)
                        .forEach(k -> assertFalse(set.containsKey(k), k + " is set by both ConfigMap and Secret"));
                secretKeys(secret).forEach(k -> set.put(k, "Secret"));
            }
        }
        for (EnvVar env : container.getEnv() == null ? List.<EnvVar>of() : container.getEnv()) {
            set.put(
                    env.getName(),
                    env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null
                            ? "Secret"
                            : "Deployment");
        }
        // Overlays may add ConfigMap keys or container env: the same rule holds for them.
        Set<String> overlayNames = new TreeSet<>();
        Set<String> overlayConfigMapKeys = new TreeSet<>();
        for (Path file : yamlFiles(K8S.resolve("overlays"))) {
            for (JsonNode doc : documents(file)) {
                if ("ConfigMap".equals(doc.path("kind").asText())) {
                    doc.path("data").fieldNames().forEachRemaining(overlayConfigMapKeys::add);
                }
                doc.path("spec")
                        .path("template")
                        .path("spec")
                        .path("containers")
                        .forEach(c -> c.path("env")
                                .forEach(e -> overlayNames.add(e.path("name").asText())));
            }
        }

        overlayNames.addAll(overlayConfigMapKeys);
        Set<String> credentialsInConfigMaps = new TreeSet<>(overlayConfigMapKeys);
        credentialsInConfigMaps.retainAll(SECRET_ONLY);
        assertEquals(Set.of(), credentialsInConfigMaps, "credentials in an overlay's ConfigMap");

        Set<String> unknown = new TreeSet<>(set.keySet());
        unknown.addAll(overlayNames);
        unknown.removeAll(known);
        assertEquals(Set.of(), unknown, "variables the service does not read");

        Set<String> missing = new TreeSet<>(REQUIRED);
        missing.removeAll(set.keySet());
        assertEquals(Set.of(), missing, "required variables not set");
        for (String name : SECRET_ONLY) {
            assertEquals("Secret", set.get(name), name + " must come from the Secret");
        }
        assertEquals(
                "true",
                configMaps.values().iterator().next().getData().get("HTTP_TRUST_PROXY"),
                "behind the ingress the client address is in X-Forwarded-For");
    }

    @Test
    void secretTemplateHoldsOnlyEmptyValuesAndIsNotApplied() throws IOException {
        List<Secret> secrets = new ArrayList<>();
        for (Path file : yamlFiles(K8S)) {
            for (JsonNode doc : documents(file)) {
                if ("Secret".equals(doc.path("kind").asText())) {
                    secrets.add((Secret) typed(doc));
                }
            }
        }
        assertEquals(1, secrets.size(), "one Secret template");
        Secret secret = secrets.get(0);
        Map<String, String> values = new TreeMap<>();
        if (secret.getStringData() != null) {
            values.putAll(secret.getStringData());
        }
        if (secret.getData() != null) {
            values.putAll(secret.getData());
        }
        assertTrue(values.keySet().containsAll(SECRET_ONLY), "template keys " + values.keySet());
        values.forEach((key, value) -> assertEquals("", value, key + " must be an empty placeholder"));
        // Listed in a kustomization it would overwrite the real Secret's values with empty ones.
        for (Path kustomization : kustomizations()) {
            for (String entry : entries(kustomization, "resources")) {
                assertFalse(entry.endsWith("secret.yaml"), kustomization + " applies the Secret template");
            }
        }
    }

    // --- kustomize -----------------------------------------------------------------------------

    @Test
    void kustomizationsListOnlyFilesThatExistAndOverlaysBuildOnBase() throws IOException {
        List<Path> kustomizations = kustomizations();
        assertEquals(
                Set.of(BASE, K8S.resolve("overlays/dev"), K8S.resolve("overlays/prod")),
                kustomizations.stream().map(Path::getParent).collect(Collectors.toSet()));
        for (Path kustomization : kustomizations) {
            Path dir = kustomization.getParent();
            List<String> listed = new ArrayList<>(entries(kustomization, "resources"));
            documents(kustomization).get(0).path("patches").forEach(p -> {
                if (p.has("path")) {
                    listed.add(p.path("path").asText());
                } else {
                    assertTrue(p.has("patch") && p.has("target"), kustomization + ": patch without path or target");
                }
            });
            for (String entry : listed) {
                Path target = dir.resolve(entry).normalize();
                assertTrue(
                        Files.isRegularFile(target) || Files.isRegularFile(target.resolve("kustomization.yaml")),
                        kustomization + " lists " + entry + ", which does not exist");
            }
            // Nothing lying beside it unused (except the Secret template).
            Set<String> unused = new TreeSet<>();
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(f -> f.toString().endsWith(".yaml"))
                        .map(f -> f.getFileName().toString())
                        .filter(f -> !f.equals("kustomization.yaml") && !f.equals("secret.yaml") && !listed.contains(f))
                        .forEach(unused::add);
            }
            assertEquals(Set.of(), unused, dir + ": manifests no kustomization uses");
        }
        for (String overlay : List.of("dev", "prod")) {
            Path kustomization = K8S.resolve("overlays").resolve(overlay).resolve("kustomization.yaml");
            assertEquals(List.of("../../base"), entries(kustomization, "resources"), overlay);
            JsonNode images = documents(kustomization).get(0).path("images");
            assertEquals("clubos-messages", images.path(0).path("name").asText(), overlay + " sets the image");
            assertFalse(images.path(0).path("newTag").asText().isBlank(), overlay + " sets the tag");
        }
    }

    @Test
    void overlayPatchesTargetObjectsOfBase() {
        Set<String> baseObjects = new TreeSet<>();
        for (Path file : yamlFiles(BASE)) {
            for (JsonNode doc : documents(file)) {
                baseObjects.add(doc.path("kind").asText() + "/"
                        + doc.path("metadata").path("name").asText());
            }
        }
        for (Path file : yamlFiles(K8S.resolve("overlays"))) {
            if (file.getFileName().toString().equals("kustomization.yaml")) {
                continue;
            }
            for (JsonNode doc : documents(file)) {
                String id = doc.path("kind").asText() + "/"
                        + doc.path("metadata").path("name").asText();
                assertTrue(baseObjects.contains(id), file + " patches " + id + ", which base does not have");
            }
        }
    }

    // --- the rest of the Deployment and its companions ------------------------------------------

    @Test
    void podRunsLockedDownAndShutsDownGracefully() {
        Deployment deployment = one(BASE, Deployment.class);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container container = onlyContainer(deployment);
        assertEquals(2, deployment.getSpec().getReplicas());
        assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot());
        assertEquals(Boolean.TRUE, container.getSecurityContext().getReadOnlyRootFilesystem());
        assertEquals(Boolean.FALSE, container.getSecurityContext().getAllowPrivilegeEscalation());
        assertEquals(
                List.of("ALL"), container.getSecurityContext().getCapabilities().getDrop());
        String tmpVolume = container.getVolumeMounts().stream()
                .filter(m -> "/tmp".equals(m.getMountPath()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no writable /tmp"))
                .getName();
        assertNotNull(
                pod.getVolumes().stream()
                        .filter(v -> v.getName().equals(tmpVolume))
                        .findFirst()
                        .orElseThrow()
                        .getEmptyDir(),
                "/tmp is an emptyDir");
        long preStop = container.getLifecycle().getPreStop().getSleep().getSeconds();
        assertTrue(preStop > 0 && preStop < pod.getTerminationGracePeriodSeconds(), "preStop sleep " + preStop);
        assertEquals(30L, pod.getTerminationGracePeriodSeconds());
        assertNotNull(container.getResources().getRequests().get("memory"));
        assertNotNull(container.getResources().getLimits().get("memory"));
    }

    @Test
    void autoscalerBudgetAndNetworkPolicyPointAtTheDeployment() {
        Deployment deployment = one(BASE, Deployment.class);
        Map<String, String> podLabels =
                deployment.getSpec().getTemplate().getMetadata().getLabels();
        int port = onlyContainer(deployment).getPorts().get(0).getContainerPort();

        HorizontalPodAutoscaler hpa = one(BASE, HorizontalPodAutoscaler.class);
        assertEquals("Deployment", hpa.getSpec().getScaleTargetRef().getKind());
        assertEquals(
                deployment.getMetadata().getName(),
                hpa.getSpec().getScaleTargetRef().getName());
        assertEquals(2, hpa.getSpec().getMinReplicas());
        assertEquals(6, hpa.getSpec().getMaxReplicas());
        assertEquals("cpu", hpa.getSpec().getMetrics().get(0).getResource().getName());

        PodDisruptionBudget pdb = one(BASE, PodDisruptionBudget.class);
        assertEquals(1, pdb.getSpec().getMinAvailable().getIntVal());
        assertTrue(podLabels
                .entrySet()
                .containsAll(pdb.getSpec().getSelector().getMatchLabels().entrySet()));

        NetworkPolicy policy = one(BASE, NetworkPolicy.class);
        assertTrue(podLabels
                .entrySet()
                .containsAll(policy.getSpec().getPodSelector().getMatchLabels().entrySet()));
        assertEquals(List.of("Ingress", "Egress"), policy.getSpec().getPolicyTypes());
        assertEquals(2, policy.getSpec().getIngress().size());
        var ingressRule = policy.getSpec().getIngress().get(0);
        assertEquals(
                Map.of("kubernetes.io/metadata.name", "ingress-nginx"),
                ingressRule.getFrom().get(0).getNamespaceSelector().getMatchLabels());
        assertEquals(
                List.of(port),
                ingressRule.getPorts().stream()
                        .map(p -> p.getPort().getIntVal())
                        .toList());
        var scrapeRule = policy.getSpec().getIngress().get(1);
        assertEquals(
                Map.of("kubernetes.io/metadata.name", "monitoring"),
                scrapeRule.getFrom().get(0).getNamespaceSelector().getMatchLabels());
        assertEquals(
                Map.of("app.kubernetes.io/name", "prometheus"),
                scrapeRule.getFrom().get(0).getPodSelector().getMatchLabels());
        assertEquals(
                List.of(port),
                scrapeRule.getPorts().stream().map(p -> p.getPort().getIntVal()).toList());
        Set<String> egress = new TreeSet<>();
        policy.getSpec().getEgress().forEach(rule -> {
            for (NetworkPolicyPort p : rule.getPorts()) {
                egress.add(p.getPort().getIntVal() + "/" + p.getProtocol());
            }
        });
        assertEquals(Set.of("443/TCP", "5432/TCP", "53/TCP", "53/UDP"), egress);
    }

    // --- helpers -------------------------------------------------------------------------------

    private static List<Path> yamlFiles(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(
                            f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> kustomizations() {
        return yamlFiles(K8S).stream()
                .filter(f -> f.getFileName().toString().equals("kustomization.yaml"))
                .toList();
    }

    private static List<JsonNode> documents(Path file) {
        try (JsonParser parser = YAML.getFactory().createParser(file.toFile())) {
            List<JsonNode> docs = new ArrayList<>();
            YAML.readValues(parser, JsonNode.class).forEachRemaining(doc -> {
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                    docs.add(doc);
                }
            });
            assertFalse(docs.isEmpty(), file + " holds no document");
            return docs;
        } catch (IOException e) {
            return fail(file + " is not valid YAML: " + e.getMessage());
        }
    }

    private static KubernetesResource typed(JsonNode doc) {
        try {
            return YAML.treeToValue(doc, KubernetesResource.class);
        } catch (IOException e) {
            return fail("does not fit the Kubernetes model: " + e.getMessage());
        }
    }

    private static <T> List<T> all(Path dir, Class<T> type) {
        List<T> found = new ArrayList<>();
        for (Path file : yamlFiles(dir)) {
            for (JsonNode doc : documents(file)) {
                if (!"Kustomization".equals(doc.path("kind").asText())) {
                    KubernetesResource resource = typed(doc);
                    if (type.isInstance(resource)) {
                        found.add(type.cast(resource));
                    }
                }
            }
        }
        return found;
    }

    private static <T> T one(Path dir, Class<T> type) {
        List<T> found = all(dir, type);
        assertEquals(1, found.size(), "one " + type.getSimpleName() + " in " + dir);
        return found.get(0);
    }

    private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> Map<String, T> byName(List<T> objects) {
        return objects.stream().collect(Collectors.toMap(o -> o.getMetadata().getName(), o -> o));
    }

    private static Set<String> secretKeys(Secret secret) {
        Set<String> keys = new TreeSet<>();
        if (secret.getStringData() != null) {
            keys.addAll(secret.getStringData().keySet());
        }
        if (secret.getData() != null) {
            keys.addAll(secret.getData().keySet());
        }
        return keys;
    }

    private static List<String> entries(Path kustomization, String field) {
        List<String> entries = new ArrayList<>();
        documents(kustomization).get(0).path(field).forEach(e -> entries.add(e.asText()));
        return entries;
    }

    private static Container onlyContainer(Deployment deployment) {
        List<Container> containers =
                deployment.getSpec().getTemplate().getSpec().getContainers();
        assertEquals(1, containers.size());
        return containers.get(0);
    }

    /** A port given by number or by the container port's name, as a number. */
    private static int resolve(IntOrString port, Container container) {
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return container.getPorts().stream()
                .filter(p -> port.getStrVal().equals(p.getName()))
                .map(ContainerPort::getContainerPort)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no container port named " + port.getStrVal()));
    }
}
