# Build the web host (with the front end and default rules beside it), then run it on the
# ASP.NET runtime image as a non-root user.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ src/
COPY wwwroot/ wwwroot/
COPY alerts/ alerts/
COPY libman.json ./
COPY tools/ tools/
RUN dotnet publish src/CxMonitor.Web/CxMonitor.Web.csproj -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
RUN apt-get update && apt-get install -y --no-install-recommends wget && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /var/lib/cxmonitor && chown app:app /var/lib/cxmonitor
WORKDIR /app
COPY --from=build /app ./
USER app
ENV ASPNETCORE_URLS=http://+:8080
EXPOSE 8080
VOLUME ["/var/lib/cxmonitor"]
ENTRYPOINT ["dotnet", "cxmonitor.dll"]
