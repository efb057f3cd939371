package dev.amihousekeeping.ec2;

import dev.amihousekeeping.core.ImageReference;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.RegionMetadata;

/**
 * Reads Auto Scaling launch configurations ({@code DescribeLaunchConfigurations}), an in-use source of expiry
 * (DESIGN §5) that DescribeImageReferences does not cover.
 *
 * <p>Why by hand: the SDK's {@code autoscaling} module is not served at the SDK version this build pins (only
 * 2.20.0, which would split the SDK in two), so this class makes the one Query API call itself: a form POST,
 * SigV4-signed by the SDK's own signer for service {@code autoscaling}, sent through the shared HTTP client,
 * the XML answer read with the JDK's parser, paged with {@code NextToken}. Throttling and 5xx are retried with
 * backoff up to the client settings' attempts; any other error fails the read (in-use sources fail closed).
 * <p>Against an endpoint override (the sandbox, moto) the call goes to that endpoint, which tells Auto Scaling
 * from EC2 by the SigV4 service name, as AWS's own multi-service emulators do.
 */
public final class LaunchConfigurationReader {

    static final String OPERATION = "DescribeLaunchConfigurations";
    private static final String SERVICE = "autoscaling";
    private static final String API_VERSION = "2011-01-01";
    /** DescribeLaunchConfigurations pages hold at most 100 (API reference, MaxRecords). */
    private static final int MAX_RECORDS = 100;
    private static final Set<String> RETRIED_CODES = Set.of("Throttling", "ThrottlingException",
            "RequestLimitExceeded", "ServiceUnavailable", "InternalFailure", "InternalError");
    private static final Duration DEFAULT_BASE_DELAY = Duration.ofMillis(200);

    private final Ec2Clients clients;
    private volatile AwsCredentialsProvider defaultCredentials;

    LaunchConfigurationReader(Ec2Clients clients) {
        this.clients = clients;
    }

    /**
     * Every launch configuration of {@code region} that names an image, as {@code launch-configuration <name>}.
     *
     * @throws OperationUnavailableException when the endpoint does not offer Auto Scaling at all
     * @throws Ec2Exception                  when the configurations cannot be read (permissions, retries spent)
     */
    public List<ImageReference> launchConfigurations(String region) throws OperationUnavailableException {
        List<ImageReference> references = new ArrayList<>();
        String nextToken = null;
        do {
            Document page = call(region, nextToken);
            for (Element member : children(first(page.getDocumentElement(), "LaunchConfigurations"), "member")) {
                String name = text(member, "LaunchConfigurationName");
                String imageId = text(member, "ImageId");
                if (imageId != null && !imageId.isBlank()) {
                    references.add(new ImageReference(imageId, "autoscaling:LaunchConfiguration",
                            "launch-configuration " + name));
                }
            }
            nextToken = text(page.getDocumentElement(), "NextToken");
        } while (nextToken != null && !nextToken.isBlank());
        return references;
    }

    private Document call(String region, String nextToken) throws OperationUnavailableException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("Action", OPERATION);
        form.put("Version", API_VERSION);
        form.put("MaxRecords", String.valueOf(MAX_RECORDS));
        if (nextToken != null) {
            form.put("NextToken", nextToken);
        }
        String body = form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        int attempts = clients.settings().maxAttempts();
        Duration delay = clients.settings().baseDelay() == null ? DEFAULT_BASE_DELAY : clients.settings().baseDelay();
        for (int attempt = 1; ; attempt++) {
            Answer answer = send(region, body);
            if (answer.status() / 100 == 2) {
                return answer.document();
            }
            Ec2Exception failure = answer.failure(region);
            if (failure.isUnsupportedOperation()) {
                throw new OperationUnavailableException(failure);
            }
            boolean retried = RETRIED_CODES.contains(failure.errorCode()) || answer.status() >= 500
                    || answer.status() == 0;
            if (!retried || attempt >= attempts || !backOff(delay.multipliedBy(1L << Math.min(attempt - 1, 10)))) {
                throw failure;
            }
        }
    }

    private Answer send(String region, String body) {
        URI endpoint = clients.settings().endpoint() != null ? clients.settings().endpoint() : awsEndpoint(region);
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint)
                .encodedPath(endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty() ? "/" : endpoint.getRawPath())
                .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(credentials().resolveCredentials())
                .request(request)
                .payload(ContentStreamProvider.fromUtf8String(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SERVICE)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        try {
            HttpExecuteResponse response = clients.http().prepareRequest(HttpExecuteRequest.builder()
                    .request(signed.request())
                    .contentStreamProvider(signed.payload().orElse(null))
                    .build()).call();
            int status = response.httpResponse().statusCode();
            Optional<? extends InputStream> stream = response.responseBody();
            byte[] bytes = stream.isPresent() ? readAll(stream.get()) : new byte[0];
            return new Answer(status, bytes);
        } catch (IOException e) {
            // No answer at all: a failure to retry like a 5xx, and in the end a failed read.
            return new Answer(0, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private AwsCredentialsProvider credentials() {
        AwsCredentialsProvider configured = clients.settings().credentials();
        if (configured != null) {
            return configured;
        }
        if (defaultCredentials == null) {
            defaultCredentials = DefaultCredentialsProvider.builder().build();
        }
        return defaultCredentials;
    }

    private static URI awsEndpoint(String region) {
        RegionMetadata metadata = Region.of(region).metadata();
        String suffix = metadata == null ? "amazonaws.com" : metadata.partition().dnsSuffix();
        return URI.create("https://" + SERVICE + "." + region + "." + suffix + "/");
    }

    /** One HTTP answer: a parsed document, or what the failure was. {@code status} 0: no answer came. */
    private record Answer(int status, byte[] body, String transportError) {

        Answer(int status, byte[] body) {
            this(status, body, null);
        }

        Answer(int status, String transportError) {
            this(status, new byte[0], transportError);
        }

        Document document() {
            return parse(body);
        }

        Ec2Exception failure(String region) {
            if (transportError != null) {
                return new Ec2Exception(OPERATION, region, "SdkClientException", transportError, 0, null);
            }
            String code = "HTTP" + status;
            String message = new String(body, StandardCharsets.UTF_8);
            try {
                Element error = first(parse(body).getDocumentElement(), "Error");
                if (error != null && text(error, "Code") != null) {
                    code = text(error, "Code");
                    message = String.valueOf(text(error, "Message"));
                }
            } catch (SdkClientException notXml) {
                // keeps the HTTP status as the code, as Ec2Exception does for answers without an error code
            }
            return new Ec2Exception(OPERATION, region, code, message, status, null);
        }
    }

    private static Document parse(byte[] xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            // An API answer has no business with DTDs or external entities.
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setNamespaceAware(false);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw SdkClientException.create("DescribeLaunchConfigurations: unreadable answer: " + e.getMessage(), e);
        }
    }

    /** The first descendant element named {@code name}, at any depth (the answer wraps results in a Result). */
    private static Element first(Element root, String name) {
        if (root == null) {
            return null;
        }
        NodeList found = root.getElementsByTagName(name);
        return found.getLength() == 0 ? null : (Element) found.item(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> elements = new ArrayList<>();
        if (parent == null) {
            return elements;
        }
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                elements.add(element);
            }
        }
        return elements;
    }

    private static String text(Element parent, String name) {
        for (Element child : children(parent, name)) {
            return child.getTextContent().strip();
        }
        Element nested = first(parent, name);
        return nested == null ? null : nested.getTextContent().strip();
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** False when interrupted: the caller gives up with the failure it has. */
    private static boolean backOff(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
