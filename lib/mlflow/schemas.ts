/**
 * zod schemas for the MLflow responses Lens reads. Shapes follow MLflow's proto JSON: empty repeated
 * fields and unset optionals are omitted, so arrays are optional and default to [] in the client.
 * Recorded responses from real servers (tests/unit/fixtures) are parsed with these in the unit tests.
 */
import * as z from 'zod/mini';

const int64 = z.union([z.number(), z.string()]);
const metricValue = z.union([z.number(), z.string(), z.null()]);

export const KeyValue = z.object({ key: z.string(), value: z.optional(z.string()) });

export const Metric = z.object({
  key: z.string(),
  value: metricValue,
  timestamp: int64,
  step: z.optional(int64),
});

export const MetricWithRunId = z.object({
  key: z.string(),
  value: metricValue,
  timestamp: int64,
  step: z.optional(int64),
  run_id: z.string(),
});

export const RunInfo = z.object({
  run_id: z.string(),
  run_name: z.optional(z.string()),
  experiment_id: z.string(),
  user_id: z.optional(z.string()),
  status: z.optional(z.string()),
  start_time: z.optional(int64),
  end_time: z.optional(int64),
  artifact_uri: z.optional(z.string()),
  lifecycle_stage: z.optional(z.string()),
});

export const Run = z.object({
  info: RunInfo,
  data: z.optional(
    z.object({
      metrics: z.optional(z.array(Metric)),
      params: z.optional(z.array(KeyValue)),
      tags: z.optional(z.array(KeyValue)),
    }),
  ),
  inputs: z.optional(
    z.object({ model_inputs: z.optional(z.array(z.object({ model_id: z.string() }))) }),
  ),
  outputs: z.optional(
    z.object({
      model_outputs: z.optional(z.array(z.object({ model_id: z.string(), step: z.optional(int64) }))),
    }),
  ),
});

export const GetRunResponse = z.object({ run: Run });
export const SearchRunsResponse = z.object({
  runs: z.optional(z.array(Run)),
  next_page_token: z.optional(z.string()),
});

export const Experiment = z.object({
  experiment_id: z.string(),
  name: z.string(),
  artifact_location: z.optional(z.string()),
  lifecycle_stage: z.optional(z.string()),
  last_update_time: z.optional(int64),
  creation_time: z.optional(int64),
  tags: z.optional(z.array(KeyValue)),
});
export const GetExperimentResponse = z.object({ experiment: Experiment });
export const SearchExperimentsResponse = z.object({
  experiments: z.optional(z.array(Experiment)),
  next_page_token: z.optional(z.string()),
});

export const MetricHistoryResponse = z.object({
  metrics: z.optional(z.array(Metric)),
  next_page_token: z.optional(z.string()),
});
export const BulkIntervalResponse = z.object({ metrics: z.optional(z.array(MetricWithRunId)) });

export const ModelVersion = z.object({
  name: z.string(),
  version: z.string(),
  creation_timestamp: z.optional(int64),
  last_updated_timestamp: z.optional(int64),
  current_stage: z.optional(z.string()),
  description: z.optional(z.string()),
  source: z.optional(z.string()),
  run_id: z.optional(z.string()),
  run_link: z.optional(z.string()),
  status: z.optional(z.string()),
  status_message: z.optional(z.string()),
  model_id: z.optional(z.string()),
  tags: z.optional(z.array(KeyValue)),
  aliases: z.optional(z.array(z.string())),
});

export const RegisteredModel = z.object({
  name: z.string(),
  creation_timestamp: z.optional(int64),
  last_updated_timestamp: z.optional(int64),
  description: z.optional(z.string()),
  latest_versions: z.optional(z.array(ModelVersion)),
  tags: z.optional(z.array(KeyValue)),
  aliases: z.optional(z.array(z.object({ alias: z.string(), version: z.string() }))),
});

export const RegisteredModelResponse = z.object({ registered_model: RegisteredModel });
export const SearchRegisteredModelsResponse = z.object({
  registered_models: z.optional(z.array(RegisteredModel)),
  next_page_token: z.optional(z.string()),
});
export const ModelVersionResponse = z.object({ model_version: ModelVersion });
export const SearchModelVersionsResponse = z.object({
  model_versions: z.optional(z.array(ModelVersion)),
  next_page_token: z.optional(z.string()),
});

export const LoggedModel = z.object({
  info: z.object({
    model_id: z.string(),
    experiment_id: z.string(),
    name: z.optional(z.string()),
    artifact_uri: z.optional(z.string()),
    status: z.optional(z.string()),
    source_run_id: z.optional(z.string()),
    model_type: z.optional(z.string()),
    creation_timestamp_ms: z.optional(int64),
    registrations: z.optional(z.array(z.object({ name: z.string(), version: z.string() }))),
  }),
});
export const SearchLoggedModelsResponse = z.object({
  models: z.optional(z.array(LoggedModel)),
  next_page_token: z.optional(z.string()),
});

export const EmptyResponse = z.object({});

export type Run = z.infer<typeof Run>;
export type Experiment = z.infer<typeof Experiment>;
export type RegisteredModel = z.infer<typeof RegisteredModel>;
export type ModelVersion = z.infer<typeof ModelVersion>;
export type LoggedModel = z.infer<typeof LoggedModel>;
export type MetricPoint = z.infer<typeof Metric>;
