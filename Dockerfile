# The runner-orchestrator image: Maven build stage, then a JRE runtime running as a non-root user.
# Base images are build ARGs so they can be swapped for mirrored or locally built ones, e.g.
#   docker build --build-arg BUILD_IMAGE=my/jdk-maven:17 --build-arg RUNTIME_IMAGE=my/jre:17 .
# (deploy/build-base-images.sh builds such images without a registry.)
ARG BUILD_IMAGE=maven:3.9-eclipse-temurin-17
ARG RUNTIME_IMAGE=eclipse-temurin:17-jre

FROM ${BUILD_IMAGE} AS build
WORKDIR /src
# Dependencies and plugins first, from the poms alone: this layer is reused until a pom changes,
# so a source change does not download the world again. The empty modules build in seconds.
COPY pom.xml ./
COPY github-sim/pom.xml github-sim/
COPY orchestrator/pom.xml orchestrator/
COPY orchestrator/core/pom.xml orchestrator/core/
COPY orchestrator/testkit/pom.xml orchestrator/testkit/
COPY orchestrator/github/pom.xml orchestrator/github/
COPY orchestrator/docker/pom.xml orchestrator/docker/
COPY orchestrator/swarm/pom.xml orchestrator/swarm/
COPY orchestrator/redis/pom.xml orchestrator/redis/
COPY orchestrator/demo/pom.xml orchestrator/demo/
COPY orchestrator/app/pom.xml orchestrator/app/
# The reactor lists bench/ too; its pom is enough, the image builds only the service and what it needs.
COPY bench/pom.xml bench/
RUN mvn -B -q -pl orchestrator/app -am -Dmaven.test.skip=true -Dspring-boot.repackage.skip=true package \
 && rm -rf github-sim/target orchestrator/*/target
COPY github-sim/src github-sim/src
# Only the modules' sources: the context holds nothing else of orchestrator/ (see .dockerignore).
COPY orchestrator orchestrator
RUN mvn -B -q -pl orchestrator/app -am -Dmaven.test.skip=true package
COPY deploy/healthcheck/HealthCheck.java /healthcheck/
RUN javac -d /healthcheck /healthcheck/HealthCheck.java

FROM ${RUNTIME_IMAGE}
ARG APP_UID=10001
RUN groupadd --system --gid "${APP_UID}" orchestrator \
 && useradd --system --uid "${APP_UID}" --gid orchestrator --home-dir /app --no-create-home \
        --shell /usr/sbin/nologin orchestrator
WORKDIR /app
COPY --from=build /src/orchestrator/app/target/runner-orchestrator.jar /app/runner-orchestrator.jar
COPY --from=build /healthcheck/HealthCheck.class /app/healthcheck/
USER ${APP_UID}:${APP_UID}
ENV PORT=8080
EXPOSE 8080
# The check is a tiny JVM; SerialGC and a small heap keep it light.
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
    CMD ["java", "-XX:+UseSerialGC", "-Xmx16m", "-XX:TieredStopAtLevel=1", "-cp", "/app/healthcheck", "HealthCheck"]
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/runner-orchestrator.jar"]
