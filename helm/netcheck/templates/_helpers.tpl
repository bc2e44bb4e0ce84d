{{/*
Chart name, truncated to 63 characters (a DNS label).
*/}}
{{- define "netcheck.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Full name: <release>-<chart>, or the release name when it already contains the chart name.
*/}}
{{- define "netcheck.fullname" -}}
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

{{- define "netcheck.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Common labels.
*/}}
{{- define "netcheck.labels" -}}
helm.sh/chart: {{ include "netcheck.chart" . }}
{{ include "netcheck.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | trunc 63 | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/*
Selector labels.
*/}}
{{- define "netcheck.selectorLabels" -}}
app.kubernetes.io/name: {{ include "netcheck.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
ServiceAccount name.
*/}}
{{- define "netcheck.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "netcheck.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
Secret holding the Slack tokens: slack.existingSecret, or the one this chart renders.
*/}}
{{- define "netcheck.secretName" -}}
{{- default (include "netcheck.fullname" .) .Values.slack.existingSecret }}
{{- end }}

{{/*
Image reference: repository@digest, or repository:tag (tag defaults to appVersion).
*/}}
{{- define "netcheck.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) }}
{{- end }}
{{- end }}

{{/*
"true" when a Service is needed: http mode (Slack's requests) or a ServiceMonitor (metrics).
*/}}
{{- define "netcheck.serviceEnabled" -}}
{{- if or (eq .Values.slack.mode "http") .Values.serviceMonitor.enabled }}true{{ end }}
{{- end }}

{{/*
"true" when /data is a PVC: persistence on and no external database.
*/}}
{{- define "netcheck.pvcEnabled" -}}
{{- if and .Values.persistence.enabled (not .Values.database.url) }}true{{ end }}
{{- end }}

{{/*
Where the data volume and the temporary volume are mounted (both writable).
*/}}
{{- define "netcheck.dataDir" -}}/data{{- end }}
{{- define "netcheck.tmpDir" -}}/tmp{{- end }}

{{/*
Store URL: the PostgreSQL URL, or an H2 file on the data volume.
*/}}
{{- define "netcheck.storeUrl" -}}
{{- if .Values.database.url }}
{{- .Values.database.url }}
{{- else }}
{{- printf "jdbc:h2:file:%s/netcheck" (include "netcheck.dataDir" .) }}
{{- end }}
{{- end }}

{{/*
One application.properties line: key=value, with backslashes and line breaks escaped.
Usage: include "netcheck.property" (list "netcheck.probe.timeout" .Values.probe.timeout)
*/}}
{{- define "netcheck.property" -}}
{{- $key := index . 0 }}
{{- $value := index . 1 }}
{{- if and (kindIs "float64" $value) (eq $value (float64 (int64 $value))) }}
{{- $value = int64 $value }}
{{- end }}
{{- printf "%s=%s" $key ($value | toString | replace "\\" "\\\\" | replace "\r" "" | replace "\n" "\\n") }}
{{- end }}

{{/*
Pod security context: podSecurityContext, switched to root when capture.privileged.
*/}}
{{- define "netcheck.podSecurityContext" -}}
{{- $ctx := deepCopy .Values.podSecurityContext }}
{{- if and .Values.capture.enabled .Values.capture.privileged }}
{{- $_ := set $ctx "runAsNonRoot" false }}
{{- $_ := set $ctx "runAsUser" 0 }}
{{- $_ := set $ctx "runAsGroup" 0 }}
{{- end }}
{{- toYaml $ctx }}
{{- end }}

{{/*
Container security context: securityContext plus NET_RAW when capture.enabled (and root
when capture.privileged).
*/}}
{{- define "netcheck.containerSecurityContext" -}}
{{- $ctx := deepCopy .Values.securityContext }}
{{- if .Values.capture.enabled }}
{{- $caps := deepCopy (default (dict) $ctx.capabilities) }}
{{- $add := default (list) $caps.add }}
{{- if not (has "NET_RAW" $add) }}
{{- $add = append $add "NET_RAW" }}
{{- end }}
{{- $_ := set $caps "add" $add }}
{{- $_ := set $ctx "capabilities" $caps }}
{{- if .Values.capture.privileged }}
{{- $_ := set $ctx "runAsNonRoot" false }}
{{- $_ := set $ctx "runAsUser" 0 }}
{{- end }}
{{- end }}
{{- toYaml $ctx }}
{{- end }}

{{/*
The java launcher: the one with the NET_RAW file capability when a non-root process captures,
plain java otherwise (a cap_net_raw+ep program cannot start without NET_RAW in the bounding set).
*/}}
{{- define "netcheck.java" -}}
{{- if and .Values.capture.enabled (not .Values.capture.privileged) }}
{{- .Values.capture.javaLauncher }}
{{- else }}
{{- print "java" }}
{{- end }}
{{- end }}

{{/*
Checks that cannot be expressed in values.schema.json.
*/}}
{{- define "netcheck.validate" -}}
{{- if and .Values.database.url (not .Values.database.existingSecret) }}
{{- fail "database.url is set: set database.existingSecret to the Secret that holds the database password" }}
{{- end }}
{{- if and .Values.ingress.enabled (ne .Values.slack.mode "http") (not .Values.api.existingSecret) }}
{{- fail "ingress.enabled needs slack.mode=http or api.existingSecret (the check API and agents): Socket Mode alone needs no inbound traffic" }}
{{- end }}
{{- $names := dict }}
{{- range .Values.watches }}
{{- if hasKey $names .name }}
{{- fail (printf "watches: the name %q is declared twice; each declared watch needs its own name" .name) }}
{{- end }}
{{- $_ := set $names .name true }}
{{- end }}
{{- $channels := dict }}
{{- range .Values.summaries }}
{{- if hasKey $channels .channel }}
{{- fail (printf "summaries: channel %s has two schedules; a channel has at most one summary schedule" .channel) }}
{{- end }}
{{- $_ := set $channels .channel true }}
{{- end }}
{{- end }}

{{/*
What svc/ targets read: Services and their EndpointSlices, never anything else in the namespace.
*/}}
{{- define "netcheck.serviceRules" -}}
- apiGroups: [""]
  resources: ["services"]
  verbs: ["get", "list", "watch"]
- apiGroups: ["discovery.k8s.io"]
  resources: ["endpointslices"]
  verbs: ["get", "list", "watch"]
{{- end }}
