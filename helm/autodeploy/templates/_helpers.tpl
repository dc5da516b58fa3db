{{/*
Names, labels and the image of every component. A component template is called with
(dict "root" $ "name" "gateway" "key" "gateway"): name is the component's kebab-case name,
key its block in values.yaml.
*/}}

{{/* The chart's name, shortened to what a DNS label allows. */}}
{{- define "autodeploy.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The release's base name: release name, plus the chart's name unless the release already contains it. */}}
{{- define "autodeploy.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* A component's resource name, e.g. autodeploy-gateway. Also its Service's DNS name. */}}
{{- define "autodeploy.componentName" -}}
{{- printf "%s-%s" (include "autodeploy.fullname" .root) .name | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* chart label value */}}
{{- define "autodeploy.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels of every resource of the release but the instance (selector labels add it per component). */}}
{{- define "autodeploy.commonLabels" -}}
helm.sh/chart: {{ include "autodeploy.chart" . }}
app.kubernetes.io/part-of: {{ include "autodeploy.name" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* Labels of the release's shared resources (e.g. the Secret). */}}
{{- define "autodeploy.labels" -}}
{{ include "autodeploy.commonLabels" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* Labels of a component's resources. */}}
{{- define "autodeploy.componentLabels" -}}
{{ include "autodeploy.commonLabels" .root }}
{{ include "autodeploy.selectorLabels" . }}
{{- end }}

{{/* Labels a component's pods are selected by (never change between upgrades). */}}
{{- define "autodeploy.selectorLabels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .name }}
{{- end }}

{{/* Labels every pod of the release has: what NetworkPolicies let in. */}}
{{- define "autodeploy.releasePodLabels" -}}
app.kubernetes.io/part-of: {{ include "autodeploy.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* The component's ServiceAccount. */}}
{{- define "autodeploy.serviceAccountName" -}}
{{- $c := index .root.Values .key }}
{{- if $c.serviceAccount.create }}
{{- default (include "autodeploy.componentName" .) $c.serviceAccount.name }}
{{- else }}
{{- default "default" $c.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
The component's image: [registry/]repository:tag. Registry and tag fall back to global.image.*, the tag
then to the chart's appVersion. An empty or `latest` tag is refused: a release must name what it runs.
*/}}
{{- define "autodeploy.image" -}}
{{- $c := index .root.Values .key }}
{{- $global := .root.Values.global.image | default dict }}
{{- $registry := $c.image.registry | default $global.registry | default "" }}
{{- $tag := $c.image.tag | default $global.tag | default .root.Chart.AppVersion | toString }}
{{- if not $c.image.repository }}
{{- fail (printf "%s.image.repository must be set" .key) }}
{{- end }}
{{- if or (eq (trim $tag) "") (eq $tag "latest") }}
{{- fail (printf "%s.image.tag must name a release (got %q): empty and latest are refused" .key $tag) }}
{{- end }}
{{- if $registry }}
{{- printf "%s/%s:%s" (trimSuffix "/" $registry) $c.image.repository $tag }}
{{- else }}
{{- printf "%s:%s" $c.image.repository $tag }}
{{- end }}
{{- end }}

{{/* The Secret holding passwords, keys and client secrets: the operator's own, or the one this chart makes. */}}
{{- define "autodeploy.secretName" -}}
{{- if .Values.global.existingSecret }}
{{- .Values.global.existingSecret }}
{{- else }}
{{- printf "%s-secrets" (include "autodeploy.fullname" .) }}
{{- end }}
{{- end }}

{{/* In-cluster URLs the components find each other by. */}}
{{- define "autodeploy.eurekaUrl" -}}
{{- printf "http://%s:%v/eureka/" (include "autodeploy.componentName" (dict "root" . "name" "discovery-server")) .Values.discoveryServer.port }}
{{- end }}
{{- define "autodeploy.configServerUrl" -}}
{{- printf "http://%s:%v" (include "autodeploy.componentName" (dict "root" . "name" "config-server")) .Values.configServer.port }}
{{- end }}
{{- define "autodeploy.jwksUrl" -}}
{{- printf "http://%s:%v/.well-known/jwks.json" (include "autodeploy.componentName" (dict "root" . "name" "auth-service")) .Values.authService.port }}
{{- end }}
