{{/*
application.properties, mounted at /deployments/config/ where Quarkus reads it (relative to the
working directory /deployments). Secrets never appear here: they come from env vars.
*/}}
{{- define "netcheck.applicationProperties" -}}
# Rendered by the netcheck Helm chart (release {{ .Release.Name }}).
# netcheck refuses unknown netcheck.* keys at startup. Slack mode and the store's URL and
# credentials come as env vars (see the Deployment); optional settings appear only when set.

# Probes
{{ include "netcheck.property" (list "netcheck.probe.timeout" .Values.probe.timeout) }}
{{ include "netcheck.property" (list "netcheck.probe.max-backends" .Values.probe.maxBackends) }}
{{ include "netcheck.property" (list "netcheck.probe.measure-vip-host" .Values.probe.measureVipHost) }}
{{ include "netcheck.property" (list "netcheck.probe.vip-host-port" .Values.probe.vipHostPort) }}
{{- if .Values.tls.caBundle }}
{{ include "netcheck.property" (list "netcheck.tls.ca-bundle" "/deployments/config/ca-bundle.pem") }}
{{- end }}

# Packet capture (.pcap files go to the writable data volume)
{{ include "netcheck.property" (list "netcheck.capture.enabled" .Values.capture.enabled) }}
{{ include "netcheck.property" (list "netcheck.capture.snaplen" .Values.capture.snaplen) }}
{{ include "netcheck.property" (list "netcheck.capture.keep-payload" .Values.capture.keepPayload) }}
{{ include "netcheck.property" (list "netcheck.capture.directory" (printf "%s/captures" (include "netcheck.dataDir" .))) }}
{{- if .Values.teams }}

# Teams
{{- range $key, $team := .Values.teams }}
{{- if $team.name }}
{{ include "netcheck.property" (list (printf "netcheck.team.%s.name" $key) $team.name) }}
{{- end }}
{{- if $team.slackGroup }}
{{ include "netcheck.property" (list (printf "netcheck.team.%s.slack-group" $key) $team.slackGroup) }}
{{- end }}
{{- end }}
{{- end }}
{{- if .Values.owners }}

# Cause -> team
{{- range $cause, $team := .Values.owners }}
{{ include "netcheck.property" (list (printf "netcheck.owner.%s" $cause) $team) }}
{{- end }}
{{- end }}
{{- with .Values.policy }}
{{- if or .allowCidrs .denyCidrs .allowPorts }}

# Target policy
{{- if .allowCidrs }}
{{ include "netcheck.property" (list "netcheck.policy.allow-cidrs" (join "," .allowCidrs)) }}
{{- end }}
{{- if .denyCidrs }}
{{ include "netcheck.property" (list "netcheck.policy.deny-cidrs" (join "," .denyCidrs)) }}
{{- end }}
{{- if .allowPorts }}
{{ include "netcheck.property" (list "netcheck.policy.allow-ports" (join "," .allowPorts)) }}
{{- end }}
{{- end }}
{{- end }}

# svc/ targets (Kubernetes)
{{ include "netcheck.property" (list "netcheck.kubernetes.enabled" .Values.kubernetes.enabled) }}
{{ include "netcheck.property" (list "netcheck.kubernetes.timeout" .Values.kubernetes.timeout) }}
{{- range $channel, $namespaces := .Values.kubernetes.channelNamespaces }}
{{ include "netcheck.property" (list (printf "netcheck.kubernetes.channel-namespaces.%q" $channel) (join "," $namespaces)) }}
{{- end }}

# Watches and summaries
{{- with .Values.watch }}
{{- with .incidentChannel }}
{{ include "netcheck.property" (list "netcheck.watch.incident-channel" .) }}
{{- end }}
{{ include "netcheck.property" (list "netcheck.watch.confirm" .confirm) }}
{{ include "netcheck.property" (list "netcheck.watch.default-every" .defaultEvery) }}
{{ include "netcheck.property" (list "netcheck.watch.min-every" .minEvery) }}
{{ include "netcheck.property" (list "netcheck.watch.max-every" .maxEvery) }}
{{ include "netcheck.property" (list "netcheck.watch.max-per-channel" .maxPerChannel) }}
{{- end }}
{{- with .Values.summary }}
{{ include "netcheck.property" (list "netcheck.summary.zone" .zone) }}
{{ include "netcheck.property" (list "netcheck.summary.window" .window) }}
{{ include "netcheck.property" (list "netcheck.summary.min-interval" .minInterval) }}
{{- end }}

# Store (its URL and credentials are env vars)
{{ include "netcheck.property" (list "netcheck.store.retention" .Values.store.retention) }}
{{- if .Values.watches }}

# Declared watches
{{- range .Values.watches }}
{{ include "netcheck.property" (list (printf "netcheck.watches.%q.channel" .name) .channel) }}
{{ include "netcheck.property" (list (printf "netcheck.watches.%q.command" .name) .command) }}
{{- if .every }}
{{ include "netcheck.property" (list (printf "netcheck.watches.%q.every" .name) .every) }}
{{- end }}
{{- end }}
{{- end }}
{{- if .Values.summaries }}

# Declared summary schedules
{{- range $i, $summary := .Values.summaries }}
{{ include "netcheck.property" (list (printf "netcheck.summaries[%d].channel" $i) $summary.channel) }}
{{ include "netcheck.property" (list (printf "netcheck.summaries[%d].cron" $i) $summary.cron) }}
{{- end }}
{{- end }}
{{- if .Values.extraConfig }}

# extraConfig
{{- range $key, $value := .Values.extraConfig }}
{{ include "netcheck.property" (list $key $value) }}
{{- end }}
{{- end }}
{{- end }}
