# ImportPortal: build with the .NET SDK, run on the ASP.NET runtime as a non-root user.
#   docker build -t importportal .
#   docker run -p 8080:8080 -v importportal-data:/data \
#     -e Portal__AdminEmail=admin@example.com -e Portal__AdminPassword='Change-me-2026' importportal
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ImportPortal.Domain/ImportPortal.Domain.csproj src/ImportPortal.Domain/
COPY src/ImportPortal/ImportPortal.csproj src/ImportPortal/
RUN dotnet restore src/ImportPortal/ImportPortal.csproj
COPY src/ src/
RUN dotnet publish src/ImportPortal/ImportPortal.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
ENV ASPNETCORE_HTTP_PORTS=8080 \
    Portal__DataDir=/data
# The database, job storage, protection keys and uploads live in one folder, owned by the image's non-root user.
RUN mkdir -p /data && chown "$APP_UID" /data
COPY --from=build /app .
USER $APP_UID
VOLUME /data
EXPOSE 8080
ENTRYPOINT ["dotnet", "ImportPortal.dll"]
