{{/*
What every component is made of. Each templates/<component>/*.yaml calls one of these with
(dict "root" $ "name" "<component>" "key" "<values key>" ...) and the component's traits:
  database: it has a Postgres database of its own (auth, analyzer, deployer, monitor)
  messaging: it uses Kafka (the four application services)
  redis: it uses Redis
  vault: it keeps tokens in the token vault (auth, deployer, monitor)
*/}}

{{/* An env var from the release's Secret. */}}
{{- define "autodeploy.secretEnv" -}}
- name: {{ .env }}
  valueFrom:
    secretKeyRef:
      name: {{ include "autodeploy.secretName" .root }}
      key: {{ .secretKey }}
      optional: {{ .optional | default false }}
{{- end }}

{{- define "autodeploy.env" -}}
{{- $root := .root }}
{{- $c := index $root.Values .key }}
{{- $g := $root.Values.global -}}
- name: SPRING_PROFILES_ACTIVE
  value: kubernetes
- name: PORT
  value: {{ $c.port | quote }}
- name: JAVA_TOOL_OPTIONS
  value: {{ $c.javaToolOptions | default $g.javaToolOptions | quote }}
{{- if ne .name "discovery-server" }}
- name: EUREKA_URL
  value: {{ include "autodeploy.eurekaUrl" $root | quote }}
{{- else }}
- name: EUREKA_HOSTNAME
  value: {{ include "autodeploy.componentName" . | quote }}
{{- end }}
{{- if eq .name "config-server" }}
- name: CONFIG_SERVER_BACKEND
  value: native
- name: CONFIG_REPO
  value: "file:/config-repo/"
- name: EUREKA_INSTANCE_HOSTNAME
  value: {{ include "autodeploy.componentName" . | quote }}
{{- end }}
{{- if not (has .name (list "discovery-server" "config-server")) }}
- name: CONFIG_SERVER_URL
  value: {{ include "autodeploy.configServerUrl" $root | quote }}
- name: AUTH_JWKS_URL
  value: {{ include "autodeploy.jwksUrl" $root | quote }}
{{- end }}
{{- if .database }}
- name: DB_HOST
  value: {{ required "global.postgresql.host is required" $g.postgresql.host | quote }}
- name: DB_PORT
  value: {{ $g.postgresql.port | quote }}
- name: DB_NAME
  value: {{ $c.database.name | quote }}
- name: DB_USERNAME
  value: {{ $c.database.username | quote }}
{{- include "autodeploy.secretEnv" (dict "root" $root "env" "DB_PASSWORD" "secretKey" $c.database.passwordKey) | nindent 0 }}
{{- end }}
{{- if .redis }}
- name: REDIS_HOST
  value: {{ required "global.redis.host is required" $g.redis.host | quote }}
- name: REDIS_PORT
  value: {{ $g.redis.port | quote }}
{{- include "autodeploy.secretEnv" (dict "root" $root "env" "REDIS_PASSWORD" "secretKey" "redis-password" "optional" true) | nindent 0 }}
{{- end }}
{{- if .messaging }}
- name: KAFKA_BOOTSTRAP_SERVERS
  value: {{ required "global.kafka.bootstrapServers is required" $g.kafka.bootstrapServers | quote }}
- name: KAFKA_REPLICATION_FACTOR
  value: {{ $g.kafka.replicationFactor | quote }}
{{- end }}
{{- if .vault }}
- name: TOKEN_VAULT_BACKEND
  value: {{ ternary "vault" "local" $g.vault.enabled | quote }}
{{- if $g.vault.enabled }}
- name: VAULT_ADDR
  value: {{ required "global.vault.address is required when global.vault.enabled" $g.vault.address | quote }}
- name: VAULT_TRANSIT_MOUNT
  value: {{ $g.vault.transitMount | quote }}
{{- include "autodeploy.secretEnv" (dict "root" $root "env" "VAULT_TOKEN" "secretKey" "vault-token") | nindent 0 }}
{{- else }}
{{- include "autodeploy.secretEnv" (dict "root" $root "env" "TOKEN_VAULT_LOCAL_KEY" "secretKey" "token-vault-key") | nindent 0 }}
{{- end }}
{{- end }}
{{- if eq .name "gateway" }}
- name: EUREKA_HEALTH_URL
  value: {{ printf "http://%s:%v/actuator/health" (include "autodeploy.componentName" (dict "root" $root "name" "discovery-server")) $root.Values.discoveryServer.port | quote }}
- name: BEHIND_TRUSTED_PROXY
  value: {{ $c.ingress.enabled | quote }}
- name: ALLOWED_ORIGINS
  value: {{ $c.allowedOrigins | quote }}
{{- end }}
{{- if eq .name "auth-service" }}
{{- include "autodeploy.secretEnv" (dict "root" $root "env" "ANALYZER_SERVICE_CLIENT_SECRET" "secretKey" "analyzer-service-client-secret") | nindent 0 }}
{{- include "autodeploy.secretEnv" (dict "root" $root "env" "DEPLOYER_SERVICE_CLIENT_SECRET" "secretKey" "deployer-service-client-secret") | nindent 0 }}
{{- include "autodeploy.secretEnv" (dict "root" $root "env" "GITHUB_CLIENT_SECRET" "secretKey" "github-client-secret" "optional" true) | nindent 0 }}
{{- include "autodeploy.secretEnv" (dict "root" $root "env" "VERCEL_CLIENT_SECRET" "secretKey" "vercel-client-secret" "optional" true) | nindent 0 }}
{{- end }}
{{- if eq .name "analyzer-service" }}
{{- include "autodeploy.secretEnv" (dict "root" $root "env" "ANALYZER_SERVICE_CLIENT_SECRET" "secretKey" "analyzer-service-client-secret") | nindent 0 }}
- name: ANALYZER_WORK_DIR
  value: /work/autodeploy-analyzer
{{- end }}
{{- if eq .name "deployer-service" }}
{{- include "autodeploy.secretEnv" (dict "root" $root "env" "DEPLOYER_SERVICE_CLIENT_SECRET" "secretKey" "deployer-service-client-secret") | nindent 0 }}
{{- include "autodeploy.secretEnv" (dict "root" $root "env" "GITHUB_WEBHOOK_SECRET" "secretKey" "github-webhook-secret" "optional" true) | nindent 0 }}
{{- include "autodeploy.secretEnv" (dict "root" $root "env" "GITLAB_WEBHOOK_SECRET" "secretKey" "gitlab-webhook-secret" "optional" true) | nindent 0 }}
- name: DEPLOYER_WORK_DIR
  value: /work/autodeploy-deployer
{{- end }}
{{- range $k, $v := $c.env }}
- name: {{ $k }}
  value: {{ $v | quote }}
{{- end }}
{{- end }}

{{- define "autodeploy.deployment" -}}
{{- $root := .root }}
{{- $c := index $root.Values .key }}
{{- $g := $root.Values.global }}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "autodeploy.componentName" . }}
  namespace: {{ $root.Release.Namespace }}
  labels:
    {{- include "autodeploy.componentLabels" . | nindent 4 }}
spec:
  {{- if not $c.autoscaling.enabled }}
  replicas: {{ $c.replicaCount }}
  {{- end }}
  revisionHistoryLimit: 5
  selector:
    matchLabels:
      {{- include "autodeploy.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "autodeploy.componentLabels" . | nindent 8 }}
      annotations:
        prometheus.io/scrape: "true"
        prometheus.io/path: /actuator/prometheus
        prometheus.io/port: {{ $c.port | quote }}
        {{- if eq .name "config-server" }}
        checksum/config-repo: {{ include (print $root.Template.BasePath "/config-server/configmap.yaml") $root | sha256sum }}
        {{- end }}
        {{- with $c.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    spec:
      serviceAccountName: {{ include "autodeploy.serviceAccountName" . }}
      automountServiceAccountToken: {{ $c.serviceAccount.automountToken | default false }}
      {{- with $g.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      securityContext:
        {{- toYaml $g.podSecurityContext | nindent 8 }}
      terminationGracePeriodSeconds: 30
      containers:
        - name: {{ .name }}
          image: {{ include "autodeploy.image" . | quote }}
          imagePullPolicy: {{ $c.image.pullPolicy | default $g.image.pullPolicy }}
          ports:
            - name: http
              containerPort: {{ $c.port }}
              protocol: TCP
          env:
            {{- include "autodeploy.env" . | nindent 12 }}
          startupProbe:
            httpGet:
              path: /actuator/health/liveness
              port: http
            periodSeconds: 5
            failureThreshold: {{ $c.startupFailureThreshold | default 36 }}
          livenessProbe:
            httpGet:
              path: /actuator/health/liveness
              port: http
            periodSeconds: 10
            timeoutSeconds: 3
            failureThreshold: 3
          readinessProbe:
            httpGet:
              path: /actuator/health/readiness
              port: http
            periodSeconds: 5
            timeoutSeconds: 3
            failureThreshold: 3
          resources:
            {{- toYaml $c.resources | nindent 12 }}
          securityContext:
            {{- toYaml $g.containerSecurityContext | nindent 12 }}
          volumeMounts:
            - name: tmp
              mountPath: /tmp
            {{- if has .name (list "analyzer-service" "deployer-service") }}
            - name: work
              mountPath: /work
            {{- end }}
            {{- if eq .name "config-server" }}
            - name: config-repo
              mountPath: /config-repo
              readOnly: true
            {{- end }}
      volumes:
        - name: tmp
          emptyDir: {}
        {{- if has .name (list "analyzer-service" "deployer-service") }}
        - name: work
          emptyDir:
            sizeLimit: {{ $c.workDirSizeLimit | default "5Gi" }}
        {{- end }}
        {{- if eq .name "config-server" }}
        - name: config-repo
          configMap:
            name: {{ include "autodeploy.componentName" . }}-repo
        {{- end }}
      {{- with $c.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $c.affinity }}
      affinity:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $c.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
{{- end }}

{{- define "autodeploy.service" -}}
{{- $c := index .root.Values .key }}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "autodeploy.componentName" . }}
  namespace: {{ .root.Release.Namespace }}
  labels:
    {{- include "autodeploy.componentLabels" . | nindent 4 }}
spec:
  type: {{ $c.service.type | default "ClusterIP" }}
  ports:
    - name: http
      port: {{ $c.port }}
      targetPort: http
      protocol: TCP
  selector:
    {{- include "autodeploy.selectorLabels" . | nindent 4 }}
{{- end }}

{{- define "autodeploy.serviceAccount" -}}
{{- $c := index .root.Values .key }}
{{- if $c.serviceAccount.create }}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ include "autodeploy.serviceAccountName" . }}
  namespace: {{ .root.Release.Namespace }}
  labels:
    {{- include "autodeploy.componentLabels" . | nindent 4 }}
  {{- with $c.serviceAccount.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
automountServiceAccountToken: {{ $c.serviceAccount.automountToken | default false }}
{{- end }}
{{- end }}

{{- define "autodeploy.hpa" -}}
{{- $c := index .root.Values .key }}
{{- if $c.autoscaling.enabled }}
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ include "autodeploy.componentName" . }}
  namespace: {{ .root.Release.Namespace }}
  labels:
    {{- include "autodeploy.componentLabels" . | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ include "autodeploy.componentName" . }}
  minReplicas: {{ $c.autoscaling.minReplicas }}
  maxReplicas: {{ $c.autoscaling.maxReplicas }}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ $c.autoscaling.targetCPUUtilizationPercentage }}
{{- end }}
{{- end }}

{{- define "autodeploy.pdb" -}}
{{- $c := index .root.Values .key }}
{{- if or $c.autoscaling.enabled (gt (int $c.replicaCount) 1) }}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "autodeploy.componentName" . }}
  namespace: {{ .root.Release.Namespace }}
  labels:
    {{- include "autodeploy.componentLabels" . | nindent 4 }}
spec:
  {{- if $c.pdb.maxUnavailable }}
  maxUnavailable: {{ $c.pdb.maxUnavailable }}
  {{- else }}
  minAvailable: {{ $c.pdb.minAvailable | default 1 }}
  {{- end }}
  selector:
    matchLabels:
      {{- include "autodeploy.selectorLabels" . | nindent 6 }}
{{- end }}
{{- end }}

{{/*
Who may connect: the gateway from anywhere (it is the only way in); every other component only from the
release's own pods (the gateway and the services call each other; all of them call config-server and
discovery-server), plus whatever global.networkPolicy.extraIngressFrom allows (e.g. Prometheus' namespace).
*/}}
{{- define "autodeploy.networkPolicy" -}}
{{- $np := .root.Values.global.networkPolicy }}
{{- if $np.enabled }}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ include "autodeploy.componentName" . }}
  namespace: {{ .root.Release.Namespace }}
  labels:
    {{- include "autodeploy.componentLabels" . | nindent 4 }}
spec:
  podSelector:
    matchLabels:
      {{- include "autodeploy.selectorLabels" . | nindent 6 }}
  policyTypes:
    - Ingress
  ingress:
    {{- if eq .name "gateway" }}
    - ports:
        - port: http
          protocol: TCP
    {{- else }}
    - from:
        - podSelector:
            matchLabels:
              {{- include "autodeploy.releasePodLabels" .root | nindent 14 }}
        {{- with $np.extraIngressFrom }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      ports:
        - port: http
          protocol: TCP
    {{- end }}
{{- end }}
{{- end }}
