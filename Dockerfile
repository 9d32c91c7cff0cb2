# The application image: built from this repository, run as an unprivileged user.
FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -ntp -pl crm-web -am -DskipTests package \
 && cp crm-web/target/crm-web-*.jar /crm.jar

FROM eclipse-temurin:21-jre
RUN useradd --system --uid 10001 crm
COPY --from=build /crm.jar /app/crm.jar
USER crm
EXPOSE 8080
ENTRYPOINT ["java", "-XX:InitialRAMPercentage=75", "-XX:MaxRAMPercentage=75", "-Duser.timezone=Asia/Shanghai", "-jar", "/app/crm.jar"]
