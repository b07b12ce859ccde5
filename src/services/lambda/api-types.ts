// Generated from models/lambda/service-2.json (API version 2015-03-31) by scripts/gen-api-types.mjs. Do not edit.
// Regenerate with: node scripts/gen-api-types.mjs lambda

/** Limits that are related to concurrency and storage. All file and storage sizes are in bytes. */
export interface AccountLimit {
  /** The amount of storage space that you can use for all deployment packages and layer archives. */
  TotalCodeSize?: number;
  /** The maximum size of a function's deployment package and layers when they're extracted. */
  CodeSizeUnzipped?: number;
  /** The maximum size of a deployment package when it's uploaded directly to Lambda. Use Amazon S3 for larger files. */
  CodeSizeZipped?: number;
  /** The maximum number of simultaneous function executions. */
  ConcurrentExecutions?: number;
  /** The maximum number of simultaneous function executions, minus the capacity that's reserved for individual functions with PutFunctionConcurrency. */
  UnreservedConcurrentExecutions?: number;
}

/** The number of functions and amount of storage in use. */
export interface AccountUsage {
  /** The amount of storage space, in bytes, that's being used by deployment packages and layer archives. */
  TotalCodeSize?: number;
  /** The number of Lambda functions. */
  FunctionCount?: number;
}

export interface AddLayerVersionPermissionRequest {
  /** The name or Amazon Resource Name (ARN) of the layer. */
  LayerName: string;
  /** The version number. */
  VersionNumber: number;
  /** An identifier that distinguishes the policy from others on the same layer version. */
  StatementId: string;
  /** The API action that grants access to the layer. For example, lambda:GetLayerVersion. */
  Action: string;
  /** An account ID, or * to grant layer usage permission to all accounts in an organization, or all Amazon Web Services accounts (if organizationId is not… */
  Principal: string;
  /** With the principal set to *, grant permission to all accounts in the specified organization. */
  OrganizationId?: string;
  /** Only update the policy if the revision ID matches the ID specified. Use this option to avoid modifying a policy that has changed since you last read it. */
  RevisionId?: string;
}

export interface AddLayerVersionPermissionResponse {
  /** The permission statement. */
  Statement?: string;
  /** A unique identifier for the current revision of the policy. */
  RevisionId?: string;
}

export interface AddPermissionRequest {
  /** The name or ARN of the Lambda function, version, or alias. */
  FunctionName: string;
  /** A statement identifier that differentiates the statement from others in the same policy. */
  StatementId: string;
  /** The action that the principal can use on the function. For example, lambda:InvokeFunction or lambda:GetFunction. */
  Action: string;
  /** The Amazon Web Services service, Amazon Web Services account, IAM user, or IAM role that invokes the function. */
  Principal: string;
  /** For Amazon Web Services services, the ARN of the Amazon Web Services resource that invokes the function. For example, an Amazon S3 bucket or Amazon SNS topic. */
  SourceArn?: string;
  /** The type of authentication that your function URL uses. */
  FunctionUrlAuthType?: FunctionUrlAuthType;
  /** Indicates whether the permission applies when the function is invoked through a function URL. */
  InvokedViaFunctionUrl?: boolean;
  /** For Amazon Web Services service, the ID of the Amazon Web Services account that owns the resource. */
  SourceAccount?: string;
  /** For Alexa Smart Home functions, a token that the invoker must supply. */
  EventSourceToken?: string;
  /** Specify a version or alias to add permissions to a published version of the function. */
  Qualifier?: string;
  /** Update the policy only if the revision ID matches the ID that's specified. Use this option to avoid modifying a policy that has changed since you last read it. */
  RevisionId?: string;
  /** The identifier for your organization in Organizations. Use this to grant permissions to all the Amazon Web Services accounts under this organization. */
  PrincipalOrgID?: string;
}

export interface AddPermissionResponse {
  /** The permission statement that's added to the function policy. */
  Statement?: string;
}

/** Provides configuration information about a Lambda function alias. */
export interface AliasConfiguration {
  /** The Amazon Resource Name (ARN) of the alias. */
  AliasArn?: string;
  /** The name of the alias. */
  Name?: string;
  /** The function version that the alias invokes. */
  FunctionVersion?: string;
  /** A description of the alias. */
  Description?: string;
  /** The routing configuration of the alias. */
  RoutingConfig?: AliasRoutingConfiguration;
  /** A unique identifier that changes when you update the alias. */
  RevisionId?: string;
}

/** Error shape. Lambda couldn't create the alias because your Amazon Web Services account has exceeded the maximum number of aliases allowed per Lambda function. */
export interface AliasLimitExceededException {
  /** The exception type. */
  Type?: string;
  /** The exception message. */
  message?: string;
}

/** The traffic-shifting configuration of a Lambda function alias. */
export interface AliasRoutingConfiguration {
  /** The second version, and the percentage of traffic that's routed to it. */
  AdditionalVersionWeights?: Record<string, number>;
}

/** List of signing profiles that can sign a code package. */
export interface AllowedPublishers {
  /** The Amazon Resource Name (ARN) for each of the signing profiles. A signing profile defines a trusted user who can sign a code package. */
  SigningProfileVersionArns: string[];
}

/** Specific configuration settings for an Amazon Managed Streaming for Apache Kafka (Amazon MSK) event source. */
export interface AmazonManagedKafkaEventSourceConfig {
  /** The identifier for the Kafka consumer group to join. */
  ConsumerGroupId?: string;
  /** Specific configuration settings for a Kafka schema registry. */
  SchemaRegistryConfig?: KafkaSchemaRegistryConfig;
}

export type ApplicationLogLevel = 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'FATAL';
export const ApplicationLogLevelValues = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'] as const;

export type Architecture = 'x86_64' | 'arm64';
export const ArchitectureValues = ['x86_64', 'arm64'] as const;

/** Contains details about a callback operation in a durable execution, including the callback token and timeout configuration. */
export interface CallbackDetails {
  /** The callback ID. Callback IDs are generated by the DurableContext when a durable function calls ctx.waitForCallback. */
  CallbackId?: string;
  /** The response payload from the callback operation as a string. */
  Result?: string;
  /** An error object that contains details about the failure. */
  Error?: ErrorObject;
}

/** Contains details about a failed callback operation, including error information and the reason for failure. */
export interface CallbackFailedDetails {
  /** An error object that contains details about the failure. */
  Error: EventError;
}

/** Configuration options for callback operations in durable executions, including timeout settings and retry behavior. */
export interface CallbackOptions {
  /** The timeout for the callback operation in seconds. If not specified or set to 0, the callback has no timeout. */
  TimeoutSeconds?: number;
  /** The heartbeat timeout for the callback operation, in seconds. If not specified or set to 0, heartbeat timeout is disabled. */
  HeartbeatTimeoutSeconds?: number;
}

/** Contains details about a callback operation that has started, including timing information and callback metadata. */
export interface CallbackStartedDetails {
  /** The callback ID. Callback IDs are generated by the DurableContext when a durable function calls ctx.waitForCallback. */
  CallbackId: string;
  /** The heartbeat timeout value, in seconds. */
  HeartbeatTimeout?: number;
  /** The timeout value, in seconds. */
  Timeout?: number;
}

/** Contains details about a successfully completed callback operation, including the result data and completion timestamp. */
export interface CallbackSucceededDetails {
  /** The response payload from the successful operation. */
  Result: EventResult;
}

/** Contains details about a callback operation that timed out, including timeout duration and any partial results. */
export interface CallbackTimedOutDetails {
  /** Details about the callback timeout. */
  Error: EventError;
}

/** Error shape. The callback ID token has either expired or the callback associated with the token has already been closed. */
export interface CallbackTimeoutException {
  /** The exception type. */
  Type?: string;
  Message?: string;
}

/** A capacity provider manages compute resources for Lambda functions. */
export interface CapacityProvider {
  /** The Amazon Resource Name (ARN) of the capacity provider. */
  CapacityProviderArn: string;
  /** The current state of the capacity provider. */
  State: CapacityProviderState;
  /** The VPC configuration for the capacity provider. */
  VpcConfig: CapacityProviderVpcConfig;
  /** The permissions configuration for the capacity provider. */
  PermissionsConfig: CapacityProviderPermissionsConfig;
  /** The instance requirements for compute resources managed by the capacity provider. */
  InstanceRequirements?: InstanceRequirements;
  /** The scaling configuration for the capacity provider. */
  CapacityProviderScalingConfig?: CapacityProviderScalingConfig;
  /** The ARN of the KMS key used to encrypt the capacity provider's resources. */
  KmsKeyArn?: string;
  /** The date and time when the capacity provider was last modified. */
  LastModified?: string;
  PropagateTags?: PropagateTags;
  /** The telemetry configuration for the capacity provider, including logging settings. */
  TelemetryConfig?: CapacityProviderTelemetryConfig;
}

/** Configuration for the capacity provider that manages compute resources for Lambda functions. */
export interface CapacityProviderConfig {
  /** Configuration for Lambda-managed instances used by the capacity provider. */
  LambdaManagedInstancesCapacityProviderConfig: LambdaManagedInstancesCapacityProviderConfig;
}

/** Error shape. The maximum number of capacity providers for your account has been exceeded. For more information, see Lambda quotas */
export interface CapacityProviderLimitExceededException {
  /** The exception type. */
  Type?: string;
  message?: string;
}

/** The capacity provider's Amazon CloudWatch Logs configuration settings. */
export interface CapacityProviderLoggingConfig {
  /** Set this property to filter the system logs for your capacity provider that Lambda sends to CloudWatch. */
  SystemLogLevel?: SystemLogLevel;
  /** The name of the Amazon CloudWatch log group the capacity provider sends logs to. */
  LogGroup?: string;
}

/** Configuration that specifies the permissions required for the capacity provider to manage compute resources. */
export interface CapacityProviderPermissionsConfig {
  /** The ARN of the IAM role that the capacity provider uses to manage compute instances and other Amazon Web Services resources. */
  CapacityProviderOperatorRoleArn: string;
}

export type CapacityProviderPredefinedMetricType = 'LambdaCapacityProviderAverageCPUUtilization';
export const CapacityProviderPredefinedMetricTypeValues = ['LambdaCapacityProviderAverageCPUUtilization'] as const;

/** Configuration that defines how the capacity provider scales compute instances based on demand and policies. */
export interface CapacityProviderScalingConfig {
  /** The maximum number of vCPUs that the capacity provider can provision across all compute instances. */
  MaxVCpuCount?: number;
  /** The scaling mode that determines how the capacity provider responds to changes in demand. */
  ScalingMode?: CapacityProviderScalingMode;
  /** A list of scaling policies that define how the capacity provider scales compute instances based on metrics and thresholds. */
  ScalingPolicies?: TargetTrackingScalingPolicy[];
}

export type CapacityProviderScalingMode = 'Auto' | 'Manual';
export const CapacityProviderScalingModeValues = ['Auto', 'Manual'] as const;

export type CapacityProviderState = 'Pending' | 'Active' | 'Failed' | 'Deleting';
export const CapacityProviderStateValues = ['Pending', 'Active', 'Failed', 'Deleting'] as const;

/** Configuration that specifies the telemetry collection for the capacity provider. */
export interface CapacityProviderTelemetryConfig {
  /** The capacity provider's Amazon CloudWatch Logs configuration settings. */
  LoggingConfig?: CapacityProviderLoggingConfig;
}

/** VPC configuration that specifies the network settings for compute instances managed by the capacity provider. */
export interface CapacityProviderVpcConfig {
  /** A list of subnet IDs where the capacity provider launches compute instances. */
  SubnetIds: string[];
  /** A list of security group IDs that control network access for compute instances managed by the capacity provider. */
  SecurityGroupIds: string[];
}

/** Contains details about a chained function invocation in a durable execution, including the target function and invocation parameters. */
export interface ChainedInvokeDetails {
  /** The response payload from the chained invocation. */
  Result?: string;
  /** Details about the chained invocation failure. */
  Error?: ErrorObject;
}

/** Contains details about a failed chained function invocation, including error information and failure reason. */
export interface ChainedInvokeFailedDetails {
  /** Details about the chained invocation failure. */
  Error: EventError;
}

/** Configuration options for chained function invocations in durable executions, including retry settings and timeout configuration. */
export interface ChainedInvokeOptions {
  /** The name or ARN of the Lambda function to invoke. */
  FunctionName: string;
  /** The tenant identifier for the chained invocation. */
  TenantId?: string;
}

/** Contains details about a chained function invocation that has started execution, including start time and execution context. */
export interface ChainedInvokeStartedDetails {
  /** The name or ARN of the Lambda function being invoked. */
  FunctionName: string;
  /** The tenant identifier for the chained invocation. */
  TenantId?: string;
  /** The JSON input payload provided to the chained invocation. */
  Input?: EventInput;
  /** The version of the function that was executed. */
  ExecutedVersion?: string;
  /** The Amazon Resource Name (ARN) that identifies the durable execution. */
  DurableExecutionArn?: string;
}

/** Details about a chained invocation that was stopped. */
export interface ChainedInvokeStoppedDetails {
  /** Details about why the chained invocation stopped. */
  Error: EventError;
}

/** Details about a chained invocation that succeeded. */
export interface ChainedInvokeSucceededDetails {
  /** The response payload from the successful operation. */
  Result: EventResult;
}

/** Details about a chained invocation that timed out. */
export interface ChainedInvokeTimedOutDetails {
  /** Details about the chained invocation timeout. */
  Error: EventError;
}

export interface CheckpointDurableExecutionRequest {
  /** The Amazon Resource Name (ARN) of the durable execution. */
  DurableExecutionArn: string;
  /** A unique token that identifies the current checkpoint state. */
  CheckpointToken: string;
  /** An array of state updates to apply during this checkpoint. */
  Updates?: OperationUpdate[];
  /** An optional idempotency token to ensure that duplicate checkpoint requests are handled correctly. */
  ClientToken?: string;
}

/** The response from the CheckpointDurableExecution operation. */
export interface CheckpointDurableExecutionResponse {
  /** A new checkpoint token to use for the next checkpoint operation. */
  CheckpointToken?: string;
  /** Updated execution state information that includes any changes that occurred since the last checkpoint, such as completed callbacks or expired timers. */
  NewExecutionState: CheckpointUpdatedExecutionState;
}

/** Contains operations that have been updated since the last checkpoint, such as completed asynchronous work like timers or callbacks. */
export interface CheckpointUpdatedExecutionState {
  /** A list of operations that have been updated since the last checkpoint. */
  Operations?: Operation[];
  /** Indicates that more results are available. Use this value in a subsequent call to retrieve the next page of results. */
  NextMarker?: string;
}

/** Error shape. The Lambda function couldn't be invoked because its code artifact user has been deleted. */
export interface CodeArtifactUserDeletedException {
  /** The exception type. */
  Type?: string;
  /** The exception message. */
  message?: string;
}

/** Error shape. The Lambda function couldn't be invoked because provisioning of its code artifact user failed. */
export interface CodeArtifactUserFailedException {
  /** The exception type. */
  Type?: string;
  /** The exception message. */
  message?: string;
}

/** Error shape. The Lambda function couldn't be invoked because its code artifact user is still being provisioned. */
export interface CodeArtifactUserPendingException {
  /** The exception type. */
  Type?: string;
  /** The exception message. */
  message?: string;
}

/** Details about a Code signing configuration. */
export interface CodeSigningConfig {
  /** Unique identifer for the Code signing configuration. */
  CodeSigningConfigId: string;
  /** The Amazon Resource Name (ARN) of the Code signing configuration. */
  CodeSigningConfigArn: string;
  /** Code signing configuration description. */
  Description?: string;
  /** List of allowed publishers. */
  AllowedPublishers: AllowedPublishers;
  /** The code signing policy controls the validation failure action for signature mismatch or expiry. */
  CodeSigningPolicies: CodeSigningPolicies;
  /** The date and time that the Code signing configuration was last modified, in ISO-8601 format (YYYY-MM-DDThh:mm:ss.sTZD). */
  LastModified: string;
}

/** Error shape. The specified code signing configuration does not exist. */
export interface CodeSigningConfigNotFoundException {
  Type?: string;
  Message?: string;
}

/** Code signing configuration policies specify the validation failure action for signature mismatch or expiry. */
export interface CodeSigningPolicies {
  /** Code signing configuration policy for deployment validation failure. */
  UntrustedArtifactOnDeployment?: CodeSigningPolicy;
}

export type CodeSigningPolicy = 'Warn' | 'Enforce';
export const CodeSigningPolicyValues = ['Warn', 'Enforce'] as const;

/** Error shape. Your Amazon Web Services account has exceeded its maximum total code size. For more information, see Lambda quotas. */
export interface CodeStorageExceededException {
  /** The exception type. */
  Type?: string;
  message?: string;
}

/** Error shape. The code signature failed one or more of the validation checks for signature mismatch or expiry, and the code signing policy is set to ENFORCE. */
export interface CodeVerificationFailedException {
  Type?: string;
  Message?: string;
}

export interface Concurrency {
  /** The number of concurrent executions that are reserved for this function. For more information, see Managing Lambda reserved concurrency. */
  ReservedConcurrentExecutions?: number;
}

/** Details about a durable execution context. */
export interface ContextDetails {
  /** Whether the state data of child operations of this completed context should be included in the invoke payload and GetDurableExecutionState response. */
  ReplayChildren?: boolean;
  /** The response payload from the context. */
  Result?: string;
  /** Details about the context failure. */
  Error?: ErrorObject;
}

/** Details about a context that failed. */
export interface ContextFailedDetails {
  /** Details about the context failure. */
  Error: EventError;
}

/** Configuration options for a durable execution context. */
export interface ContextOptions {
  /** Whether the state data of children of the completed context should be included in the invoke payload and GetDurableExecutionState response. */
  ReplayChildren?: boolean;
}

/** Details about a context that has started. */
export interface ContextStartedDetails {}

/** Details about a context that succeeded. */
export interface ContextSucceededDetails {
  /** The JSON response payload from the successful context. */
  Result: EventResult;
}

/** The cross-origin resource sharing (CORS) settings for your Lambda function URL. */
export interface Cors {
  /** Whether to allow cookies or other credentials in requests to your function URL. The default is false. */
  AllowCredentials?: boolean;
  /** The HTTP headers that origins can include in requests to your function URL. For example: Date, Keep-Alive, X-Custom-Header. */
  AllowHeaders?: string[];
  /** The HTTP methods that are allowed when calling your function URL. For example: GET, POST, DELETE, or the wildcard character (*). */
  AllowMethods?: string[];
  /** The origins that can access your function URL. */
  AllowOrigins?: string[];
  /** The HTTP headers in your function response that you want to expose to origins that call your function URL. For example: Date, Keep-Alive, X-Custom-Header. */
  ExposeHeaders?: string[];
  /** The maximum amount of time, in seconds, that web browsers can cache results of a preflight request. */
  MaxAge?: number;
}

export interface CreateAliasRequest {
  /** The name or ARN of the Lambda function. */
  FunctionName: string;
  /** The name of the alias. */
  Name: string;
  /** The function version that the alias invokes. */
  FunctionVersion: string;
  /** A description of the alias. */
  Description?: string;
  /** The routing configuration of the alias. */
  RoutingConfig?: AliasRoutingConfiguration;
}

export interface CreateCapacityProviderRequest {
  /** The name of the capacity provider. */
  CapacityProviderName: string;
  /** The VPC configuration for the capacity provider, including subnet IDs and security group IDs where compute instances will be launched. */
  VpcConfig: CapacityProviderVpcConfig;
  /** The permissions configuration that specifies the IAM role ARN used by the capacity provider to manage compute resources. */
  PermissionsConfig: CapacityProviderPermissionsConfig;
  /** The instance requirements that specify the compute instance characteristics, including architectures and allowed or excluded instance types. */
  InstanceRequirements?: InstanceRequirements;
  /** The scaling configuration that defines how the capacity provider scales compute instances, including maximum vCPU count and scaling policies. */
  CapacityProviderScalingConfig?: CapacityProviderScalingConfig;
  /** The ARN of the KMS key used to encrypt data associated with the capacity provider. */
  KmsKeyArn?: string;
  /** A list of tags to associate with the capacity provider. */
  Tags?: Record<string, string>;
  /** The tag propagation configuration for the capacity provider. Specifies tags to apply to managed resources at launch. */
  PropagateTags?: PropagateTags;
  /** The telemetry configuration for the capacity provider. Specifies logging settings for managed resources. */
  TelemetryConfig?: CapacityProviderTelemetryConfig;
}

export interface CreateCapacityProviderResponse {
  /** Information about the capacity provider that was created. */
  CapacityProvider: CapacityProvider;
}

export interface CreateCodeSigningConfigRequest {
  /** Descriptive name for this code signing configuration. */
  Description?: string;
  /** Signing profiles for this code signing configuration. */
  AllowedPublishers: AllowedPublishers;
  /** The code signing policies define the actions to take if the validation checks fail. */
  CodeSigningPolicies?: CodeSigningPolicies;
  /** A list of tags to add to the code signing configuration. */
  Tags?: Record<string, string>;
}

export interface CreateCodeSigningConfigResponse {
  /** The code signing configuration. */
  CodeSigningConfig: CodeSigningConfig;
}

export interface CreateEventSourceMappingRequest {
  /** The Amazon Resource Name (ARN) of the event source. */
  EventSourceArn?: string;
  /** The name or ARN of the Lambda function. */
  FunctionName: string;
  /** When true, the event source mapping is active. When false, Lambda pauses polling and invocation. */
  Enabled?: boolean;
  /** The maximum number of records in each batch that Lambda pulls from your stream or queue and sends to your function. */
  BatchSize?: number;
  /** An object that defines the filter criteria that determine whether Lambda should process an event. For more information, see Lambda event filtering. */
  FilterCriteria?: FilterCriteria;
  /** The ARN of the Key Management Service (KMS) customer managed key that Lambda uses to encrypt your function's filter criteria. */
  KMSKeyArn?: string;
  /** The metrics configuration for your event source. For more information, see Event source mapping metrics. */
  MetricsConfig?: EventSourceMappingMetricsConfig;
  /** (Amazon MSK, and self-managed Apache Kafka only) The logging configuration for your event source. For more information, see Event source mapping logging. */
  LoggingConfig?: EventSourceMappingLoggingConfig;
  /** (Amazon SQS only) The scaling configuration for the event source. For more information, see Configuring maximum concurrency for Amazon SQS event sources. */
  ScalingConfig?: ScalingConfig;
  /** The maximum amount of time, in seconds, that Lambda spends gathering records before invoking the function. */
  MaximumBatchingWindowInSeconds?: number;
  /** (Kinesis and DynamoDB Streams only) The number of batches to process from each shard concurrently. */
  ParallelizationFactor?: number;
  /** The position in a stream from which to start reading. */
  StartingPosition?: EventSourcePosition;
  /** With StartingPosition set to AT_TIMESTAMP, the time from which to start reading. StartingPositionTimestamp cannot be in the future. */
  StartingPositionTimestamp?: Date;
  /** (Kinesis, DynamoDB Streams, Amazon MSK, and self-managed Apache Kafka) A configuration object that specifies the destination of an event after Lambda… */
  DestinationConfig?: DestinationConfig;
  /** (Kinesis, DynamoDB Streams, Amazon MSK, and self-managed Apache Kafka) Discard records older than the specified age. The default value is infinite (-1). */
  MaximumRecordAgeInSeconds?: number;
  /** (Kinesis, DynamoDB Streams, Amazon MSK, and self-managed Apache Kafka) If the function returns an error, split the batch in two and retry. */
  BisectBatchOnFunctionError?: boolean;
  /** (Kinesis, DynamoDB Streams, Amazon MSK, and self-managed Apache Kafka) Discard records after the specified number of retries. */
  MaximumRetryAttempts?: number;
  /** A list of tags to apply to the event source mapping. */
  Tags?: Record<string, string>;
  /** (Kinesis and DynamoDB Streams only) The duration in seconds of a processing window for DynamoDB and Kinesis Streams event sources. */
  TumblingWindowInSeconds?: number;
  /** The name of the Kafka topic. */
  Topics?: string[];
  /** (MQ) The name of the Amazon MQ broker destination queue to consume. */
  Queues?: string[];
  /** An array of authentication protocols or VPC components required to secure your event source. */
  SourceAccessConfigurations?: SourceAccessConfiguration[];
  /** The self-managed Apache Kafka cluster to receive records from. */
  SelfManagedEventSource?: SelfManagedEventSource;
  /** (Kinesis, DynamoDB Streams, Amazon MSK, self-managed Apache Kafka, and Amazon SQS) A list of current response type enums applied to the event source mapping. */
  FunctionResponseTypes?: FunctionResponseType[];
  /** Specific configuration settings for an Amazon Managed Streaming for Apache Kafka (Amazon MSK) event source. */
  AmazonManagedKafkaEventSourceConfig?: AmazonManagedKafkaEventSourceConfig;
  /** Specific configuration settings for a self-managed Apache Kafka event source. */
  SelfManagedKafkaEventSourceConfig?: SelfManagedKafkaEventSourceConfig;
  /** Specific configuration settings for a DocumentDB event source. */
  DocumentDBEventSourceConfig?: DocumentDBEventSourceConfig;
  /** (Amazon SQS, Amazon MSK, and self-managed Apache Kafka only) The provisioned mode configuration for the event source. */
  ProvisionedPollerConfig?: ProvisionedPollerConfig;
}

export interface CreateFunctionRequest {
  /** The name or ARN of the Lambda function. */
  FunctionName: string;
  /** The identifier of the function's runtime. */
  Runtime?: Runtime;
  /** The Amazon Resource Name (ARN) of the function's execution role. */
  Role: string;
  /** The name of the method within your code that Lambda calls to run your function. */
  Handler?: string;
  /** The code for the function. */
  Code: FunctionCode;
  /** A description of the function. */
  Description?: string;
  /** The amount of time (in seconds) that Lambda allows a function to run before stopping it. */
  Timeout?: number;
  /** The amount of memory available to the function at runtime. */
  MemorySize?: number;
  /** Set to true to publish the first version of the function during creation. */
  Publish?: boolean;
  /** Specifies where to publish the function version or configuration. */
  PublishTo?: FunctionVersionLatestPublished;
  /** For network connectivity to Amazon Web Services resources in a VPC, specify a list of security groups and subnets in the VPC. */
  VpcConfig?: VpcConfig;
  /** The type of deployment package. Set to Image for container image and set to Zip for .zip file archive. */
  PackageType?: PackageType;
  /** A dead-letter queue configuration that specifies the queue or topic where Lambda sends asynchronous events when they fail processing. */
  DeadLetterConfig?: DeadLetterConfig;
  /** Environment variables that are accessible from function code during execution. */
  Environment?: Environment;
  /** The ARN of the Key Management Service (KMS) customer managed key that's used to encrypt the following resources: */
  KMSKeyArn?: string;
  /** Set Mode to Active to sample and trace a subset of incoming requests with X-Ray. */
  TracingConfig?: TracingConfig;
  /** A list of tags to apply to the function. */
  Tags?: Record<string, string>;
  /** A list of function layers to add to the function's execution environment. Specify each layer by its ARN, including the version. */
  Layers?: string[];
  /** Connection settings for an Amazon EFS file system or an Amazon S3 Files file system. */
  FileSystemConfigs?: FileSystemConfig[];
  /** To enable code signing for this function, specify the ARN of a code-signing configuration. */
  CodeSigningConfigArn?: string;
  /** Container image configuration values that override the values in the container image Dockerfile. */
  ImageConfig?: ImageConfig;
  /** The instruction set architecture that the function supports. Enter a string array with one of the valid values (arm64 or x86_64). The default value is x86_64. */
  Architectures?: Architecture[];
  /** The size of the function's /tmp directory in MB. */
  EphemeralStorage?: EphemeralStorage;
  /** The function's SnapStart setting. */
  SnapStart?: SnapStart;
  /** The function's Amazon CloudWatch Logs configuration settings. */
  LoggingConfig?: LoggingConfig;
  /** Configuration for multi-tenant applications that use Lambda functions. */
  TenancyConfig?: TenancyConfig;
  /** Configuration for the capacity provider that manages compute resources for Lambda functions. */
  CapacityProviderConfig?: CapacityProviderConfig;
  /** Configuration settings for durable functions. */
  DurableConfig?: DurableConfig;
}

export interface CreateFunctionUrlConfigRequest {
  /** The name or ARN of the Lambda function. */
  FunctionName: string;
  /** The alias name. */
  Qualifier?: string;
  /** The type of authentication that your function URL uses. */
  AuthType: FunctionUrlAuthType;
  /** The cross-origin resource sharing (CORS) settings for your function URL. */
  Cors?: Cors;
  /** Use one of the following options: */
  InvokeMode?: InvokeMode;
}

export interface CreateFunctionUrlConfigResponse {
  /** The HTTP URL endpoint for your function. */
  FunctionUrl: string;
  /** The Amazon Resource Name (ARN) of your function. */
  FunctionArn: string;
  /** The type of authentication that your function URL uses. */
  AuthType: FunctionUrlAuthType;
  /** The cross-origin resource sharing (CORS) settings for your function URL. */
  Cors?: Cors;
  /** When the function URL was created, in ISO-8601 format (YYYY-MM-DDThh:mm:ss.sTZD). */
  CreationTime: string;
  /** Use one of the following options: */
  InvokeMode?: InvokeMode;
}

/** The dead-letter queue for failed asynchronous invocations. */
export interface DeadLetterConfig {
  /** The Amazon Resource Name (ARN) of an Amazon SQS queue or Amazon SNS topic. */
  TargetArn?: string;
}

export interface DeleteAliasRequest {
  /** The name or ARN of the Lambda function. */
  FunctionName: string;
  /** The name of the alias. */
  Name: string;
}

export interface DeleteCapacityProviderRequest {
  /** The name of the capacity provider to delete. */
  CapacityProviderName: string;
}

export interface DeleteCapacityProviderResponse {
  /** Information about the deleted capacity provider. */
  CapacityProvider: CapacityProvider;
}

export interface DeleteCodeSigningConfigRequest {
  /** The The Amazon Resource Name (ARN) of the code signing configuration. */
  CodeSigningConfigArn: string;
}

export interface DeleteCodeSigningConfigResponse {}

export interface DeleteEventSourceMappingRequest {
  /** The identifier of the event source mapping. */
  UUID: string;
}

export interface DeleteFunctionCodeSigningConfigRequest {
  /** The name or ARN of the Lambda function. */
  FunctionName: string;
}

export interface DeleteFunctionConcurrencyRequest {
  /** The name or ARN of the Lambda function. */
  FunctionName: string;
}

export interface DeleteFunctionEventInvokeConfigRequest {
  /** The name or ARN of the Lambda function, version, or alias. */
  FunctionName: string;
  /** A version number or alias name. */
  Qualifier?: string;
}

export interface DeleteFunctionRequest {
  /** The name or ARN of the Lambda function or version. */
  FunctionName: string;
  /** Specify a version to delete. You can't delete a version that an alias references. */
  Qualifier?: string;
}

export interface DeleteFunctionResponse {
  /** The HTTP status code returned by the operation. */
  StatusCode?: number;
}

export interface DeleteFunctionUrlConfigRequest {
  /** The name or ARN of the Lambda function. */
  FunctionName: string;
  /** The alias name. */
  Qualifier?: string;
}

export interface DeleteLayerVersionRequest {
  /** The name or Amazon Resource Name (ARN) of the layer. */
  LayerName: string;
  /** The version number. */
  VersionNumber: number;
}

export interface DeleteProvisionedConcurrencyConfigRequest {
  /** The name or ARN of the Lambda function. */
  FunctionName: string;
  /** The version number or alias name. */
  Qualifier: string;
}

/** A configuration object that specifies the destination of an event after Lambda processes it. For more information, see Adding a destination. */
export interface DestinationConfig {
  /** The destination configuration for successful invocations. Not supported in CreateEventSourceMapping or UpdateEventSourceMapping. */
  OnSuccess?: OnSuccess;
  /** The destination configuration for failed invocations. */
  OnFailure?: OnFailure;
}

/** Specific configuration settings for a DocumentDB event source. */
export interface DocumentDBEventSourceConfig {
  /** The name of the database to consume within the DocumentDB cluster. */
  DatabaseName?: string;
  /** The name of the collection to consume within the database. If you do not specify a collection, Lambda consumes all collections. */
  CollectionName?: string;
  /** Determines what DocumentDB sends to your event stream during document update operations. */
  FullDocument?: FullDocument;
}

/** Configuration settings for durable functions, including execution timeout, retention period for execution history, and an optional ARN of the Key Management… */
export interface DurableConfig {
  /** The ARN of the Key Management Service (KMS) customer managed key that is used to encrypt your durable execution's payload data, including input, output, and… */
  KMSKeyArn?: string;
  /** The number of days to retain execution history after a durable execution completes. */
  RetentionPeriodInDays?: number;
  /** The maximum time (in seconds) that a durable execution can run before timing out. */
  ExecutionTimeout?: number;
}

/** Error shape. The durable execution with the specified name has already been started. */
export interface DurableExecutionAlreadyStartedException {
  /** The exception type. */
  Type?: string;
  Message?: string;
}

/** Error shape. Need additional permissions to configure VPC settings. */
export interface EC2AccessDeniedException {
  Type?: string;
  Message?: string;
}

/** Error shape. Amazon EC2 throttled Lambda during Lambda function initialization using the execution role provided for the function. */
export interface EC2ThrottledException {
  Type?: string;
  Message?: string;
}

/** Error shape. Lambda received an unexpected Amazon EC2 client exception while setting up for the Lambda function. */
export interface EC2UnexpectedException {
  Type?: string;
  Message?: string;
  EC2ErrorCode?: string;
}

/** Error shape. An error occurred when reading from or writing to a connected file system. */
export interface EFSIOException {
  Type?: string;
  Message?: string;
}

/** Error shape. The Lambda function couldn't make a network connection to the configured file system. */
export interface EFSMountConnectivityException {
  Type?: string;
  Message?: string;
}

/** Error shape. The Lambda function couldn't mount the configured file system due to a permission or configuration issue. */
export interface EFSMountFailureException {
  Type?: string;
  Message?: string;
}

/** Error shape. The Lambda function made a network connection to the configured file system, but the mount operation timed out. */
export interface EFSMountTimeoutException {
  Type?: string;
  Message?: string;
}

/** Error shape. Lambda couldn't create an elastic network interface in the VPC, specified as part of Lambda function configuration, because the limit for network interfaces… */
export interface ENILimitReachedException {
  Type?: string;
  Message?: string;
}

/** Error shape. Lambda couldn't invoke the Lambda function because the elastic network interface (ENI) configured for its VPC connection isn't ready yet. */
export interface ENINotReadyException {
  /** The exception type. */
  Type?: string;
  /** The exception message. */
  Message?: string;
}

export type EndPointType = 'KAFKA_BOOTSTRAP_SERVERS';
export const EndPointTypeValues = ['KAFKA_BOOTSTRAP_SERVERS'] as const;

/** A function's environment variable settings. */
export interface Environment {
  /** Environment variable key-value pairs. For more information, see Using Lambda environment variables. */
  Variables?: Record<string, string>;
}

/** Error messages for environment variables that couldn't be applied. */
export interface EnvironmentError {
  /** The error code. */
  ErrorCode?: string;
  /** The error message. */
  Message?: string;
}

/** The results of an operation to update or read environment variables. */
export interface EnvironmentResponse {
  /** Environment variable key-value pairs. Omitted from CloudTrail logs. */
  Variables?: Record<string, string>;
  /** Error messages for environment variables that couldn't be applied. */
  Error?: EnvironmentError;
}

/** The size of the function's /tmp directory in MB. */
export interface EphemeralStorage {
  /** The size of the function's /tmp directory. */
  Size: number;
}

/** An object that contains error information. */
export interface ErrorObject {
  /** A human-readable error message. */
  ErrorMessage?: string;
  /** The error type. */
  ErrorType?: string;
  /** Machine-readable error data. */
  ErrorData?: string;
  /** Stack trace information for the error. */
  StackTrace?: string[];
}

/** An event that occurred during the execution of a durable function. Model shape Event. */
export interface EventShape {
  /** The type of event that occurred. */
  EventType?: EventType;
  /** The subtype of the event, providing additional categorization. */
  SubType?: string;
  /** The unique identifier for this event. Event IDs increment sequentially. */
  EventId?: number;
  /** The unique identifier for this operation. */
  Id?: string;
  /** The customer-provided name for this operation. */
  Name?: string;
  /** The date and time when this event occurred, in ISO-8601 format (YYYY-MM-DDThh:mm:ss.sTZD). */
  EventTimestamp?: Date;
  /** The unique identifier of the parent operation, if this operation is running within a child context. */
  ParentId?: string;
  /** Details about an execution that started. */
  ExecutionStartedDetails?: ExecutionStartedDetails;
  /** Details about an execution that succeeded. */
  ExecutionSucceededDetails?: ExecutionSucceededDetails;
  /** Details about an execution that failed. */
  ExecutionFailedDetails?: ExecutionFailedDetails;
  /** Details about an execution that timed out. */
  ExecutionTimedOutDetails?: ExecutionTimedOutDetails;
  /** Details about an execution that was stopped. */
  ExecutionStoppedDetails?: ExecutionStoppedDetails;
  /** Details about a context that started. */
  ContextStartedDetails?: ContextStartedDetails;
  /** Details about a context that succeeded. */
  ContextSucceededDetails?: ContextSucceededDetails;
  /** Details about a context that failed. */
  ContextFailedDetails?: ContextFailedDetails;
  /** Details about a wait operation that started. */
  WaitStartedDetails?: WaitStartedDetails;
  /** Details about a wait operation that succeeded. */
  WaitSucceededDetails?: WaitSucceededDetails;
  /** Details about a wait operation that was cancelled. */
  WaitCancelledDetails?: WaitCancelledDetails;
  /** Details about a step that started. */
  StepStartedDetails?: StepStartedDetails;
  /** Details about a step that succeeded. */
  StepSucceededDetails?: StepSucceededDetails;
  /** Details about a step that failed. */
  StepFailedDetails?: StepFailedDetails;
  ChainedInvokeStartedDetails?: ChainedInvokeStartedDetails;
  /** Details about a chained invocation that succeeded. */
  ChainedInvokeSucceededDetails?: ChainedInvokeSucceededDetails;
  ChainedInvokeFailedDetails?: ChainedInvokeFailedDetails;
  /** Details about a chained invocation that timed out. */
  ChainedInvokeTimedOutDetails?: ChainedInvokeTimedOutDetails;
  /** Details about a chained invocation that was stopped. */
  ChainedInvokeStoppedDetails?: ChainedInvokeStoppedDetails;
  CallbackStartedDetails?: CallbackStartedDetails;
  CallbackSucceededDetails?: CallbackSucceededDetails;
  CallbackFailedDetails?: CallbackFailedDetails;
  CallbackTimedOutDetails?: CallbackTimedOutDetails;
  /** Details about a function invocation that completed. */
  InvocationCompletedDetails?: InvocationCompletedDetails;
}

/** Error information for an event. */
export interface EventError {
  /** The error payload. */
  Payload?: ErrorObject;
  /** Indicates if the error payload was truncated due to size limits. */
  Truncated?: boolean;
}

/** Input information for an event. */
export interface EventInput {
  /** The input payload. */
  Payload?: string;
  /** Indicates if the error payload was truncated due to size limits. */
  Truncated?: boolean;
}

/** Result information for an event. */
export interface EventResult {
  /** The result payload. */
  Payload?: string;
  /** Indicates if the error payload was truncated due to size limits. */
  Truncated?: boolean;
}

/** A mapping between an Amazon Web Services resource and a Lambda function. For details, see CreateEventSourceMapping. */
export interface EventSourceMappingConfiguration {
  /** The identifier of the event source mapping. */
  UUID?: string;
  /** The position in a stream from which to start reading. */
  StartingPosition?: EventSourcePosition;
  /** With StartingPosition set to AT_TIMESTAMP, the time from which to start reading. StartingPositionTimestamp cannot be in the future. */
  StartingPositionTimestamp?: Date;
  /** The maximum number of records in each batch that Lambda pulls from your stream or queue and sends to your function. */
  BatchSize?: number;
  /** The maximum amount of time, in seconds, that Lambda spends gathering records before invoking the function. */
  MaximumBatchingWindowInSeconds?: number;
  /** (Kinesis and DynamoDB Streams only) The number of batches to process concurrently from each shard. The default value is 1. */
  ParallelizationFactor?: number;
  /** The Amazon Resource Name (ARN) of the event source. */
  EventSourceArn?: string;
  /** An object that defines the filter criteria that determine whether Lambda should process an event. For more information, see Lambda event filtering. */
  FilterCriteria?: FilterCriteria;
  /** An object that contains details about an error related to filter criteria encryption. */
  FilterCriteriaError?: FilterCriteriaError;
  /** The ARN of the Key Management Service (KMS) customer managed key that Lambda uses to encrypt your function's filter criteria. */
  KMSKeyArn?: string;
  /** The metrics configuration for your event source. For more information, see Event source mapping metrics. */
  MetricsConfig?: EventSourceMappingMetricsConfig;
  /** (Amazon MSK, and self-managed Apache Kafka only) The logging configuration for your event source. For more information, see Event source mapping logging. */
  LoggingConfig?: EventSourceMappingLoggingConfig;
  /** (Amazon SQS only) The scaling configuration for the event source. For more information, see Configuring maximum concurrency for Amazon SQS event sources. */
  ScalingConfig?: ScalingConfig;
  /** The ARN of the Lambda function. */
  FunctionArn?: string;
  /** The date that the event source mapping was last updated or that its state changed. */
  LastModified?: Date;
  /** The result of the event source mapping's last processing attempt. */
  LastProcessingResult?: string;
  /** The state of the event source mapping. It can be one of the following: Creating, Enabling, Enabled, Disabling, Disabled, Updating, or Deleting. */
  State?: string;
  /** Indicates whether a user or Lambda made the last change to the event source mapping. */
  StateTransitionReason?: string;
  /** (Kinesis, DynamoDB Streams, Amazon MSK, and self-managed Apache Kafka) A configuration object that specifies the destination of an event after Lambda… */
  DestinationConfig?: DestinationConfig;
  /** The name of the Kafka topic. */
  Topics?: string[];
  /** (Amazon MQ) The name of the Amazon MQ broker destination queue to consume. */
  Queues?: string[];
  /** An array of the authentication protocol, VPC components, or virtual host to secure and define your event source. */
  SourceAccessConfigurations?: SourceAccessConfiguration[];
  /** The self-managed Apache Kafka cluster for your event source. */
  SelfManagedEventSource?: SelfManagedEventSource;
  /** (Kinesis, DynamoDB Streams, Amazon MSK, and self-managed Apache Kafka) Discard records older than the specified age. */
  MaximumRecordAgeInSeconds?: number;
  /** (Kinesis, DynamoDB Streams, Amazon MSK, and self-managed Apache Kafka) If the function returns an error, split the batch in two and retry. */
  BisectBatchOnFunctionError?: boolean;
  /** (Kinesis, DynamoDB Streams, Amazon MSK, and self-managed Apache Kafka) Discard records after the specified number of retries. */
  MaximumRetryAttempts?: number;
  /** (Kinesis and DynamoDB Streams only) The duration in seconds of a processing window for DynamoDB and Kinesis Streams event sources. */
  TumblingWindowInSeconds?: number;
  /** (Kinesis, DynamoDB Streams, Amazon MSK, self-managed Apache Kafka, and Amazon SQS) A list of current response type enums applied to the event source mapping. */
  FunctionResponseTypes?: FunctionResponseType[];
  /** Specific configuration settings for an Amazon Managed Streaming for Apache Kafka (Amazon MSK) event source. */
  AmazonManagedKafkaEventSourceConfig?: AmazonManagedKafkaEventSourceConfig;
  /** Specific configuration settings for a self-managed Apache Kafka event source. */
  SelfManagedKafkaEventSourceConfig?: SelfManagedKafkaEventSourceConfig;
  /** Specific configuration settings for a DocumentDB event source. */
  DocumentDBEventSourceConfig?: DocumentDBEventSourceConfig;
  /** The Amazon Resource Name (ARN) of the event source mapping. */
  EventSourceMappingArn?: string;
  /** (Amazon SQS, Amazon MSK, and self-managed Apache Kafka only) The provisioned mode configuration for the event source. */
  ProvisionedPollerConfig?: ProvisionedPollerConfig;
}

/** (Amazon MSK, and self-managed Apache Kafka only) The logging configuration for your event source. */
export interface EventSourceMappingLoggingConfig {
  /** The log level you want your event source mapping to use. */
  SystemLogLevel?: EventSourceMappingSystemLogLevel;
}

export type EventSourceMappingMetric = 'EventCount' | 'ErrorCount' | 'KafkaMetrics';
export const EventSourceMappingMetricValues = ['EventCount', 'ErrorCount', 'KafkaMetrics'] as const;

/** The metrics configuration for your event source. Use this configuration object to define which metrics you want your event source mapping to produce. */
export interface EventSourceMappingMetricsConfig {
  /** The metrics you want your event source mapping to produce, including EventCount, ErrorCount, KafkaMetrics. */
  Metrics?: EventSourceMappingMetric[];
}

export type EventSourceMappingSystemLogLevel = 'DEBUG' | 'INFO' | 'WARN';
export const EventSourceMappingSystemLogLevelValues = ['DEBUG', 'INFO', 'WARN'] as const;

export type EventSourcePosition = 'TRIM_HORIZON' | 'LATEST' | 'AT_TIMESTAMP';
export const EventSourcePositionValues = ['TRIM_HORIZON', 'LATEST', 'AT_TIMESTAMP'] as const;

export type EventType =
  | 'ExecutionStarted'
  | 'ExecutionSucceeded'
  | 'ExecutionFailed'
  | 'ExecutionTimedOut'
  | 'ExecutionStopped'
  | 'ContextStarted'
  | 'ContextSucceeded'
  | 'ContextFailed'
  | 'WaitStarted'
  | 'WaitSucceeded'
  | 'WaitCancelled'
  | 'StepStarted'
  | 'StepSucceeded'
  | 'StepFailed'
  | 'ChainedInvokeStarted'
  | 'ChainedInvokeSucceeded'
  | 'ChainedInvokeFailed'
  | 'ChainedInvokeTimedOut'
  | 'ChainedInvokeStopped'
  | 'CallbackStarted'
  | 'CallbackSucceeded'
  | 'CallbackFailed'
  | 'CallbackTimedOut'
  | 'InvocationCompleted';
export const EventTypeValues = [
  'ExecutionStarted',
  'ExecutionSucceeded',
  'ExecutionFailed',
  'ExecutionTimedOut',
  'ExecutionStopped',
  'ContextStarted',
  'ContextSucceeded',
  'ContextFailed',
  'WaitStarted',
  'WaitSucceeded',
  'WaitCancelled',
  'StepStarted',
  'StepSucceeded',
  'StepFailed',
  'ChainedInvokeStarted',
  'ChainedInvokeSucceeded',
  'ChainedInvokeFailed',
  'ChainedInvokeTimedOut',
  'ChainedInvokeStopped',
  'CallbackStarted',
  'CallbackSucceeded',
  'CallbackFailed',
  'CallbackTimedOut',
  'InvocationCompleted',
] as const;

/** Information about a durable execution. */
export interface Execution {
  /** The Amazon Resource Name (ARN) of the durable execution, if this execution is a durable execution. */
  DurableExecutionArn: string;
  /** The unique name of the durable execution, if one was provided when the execution was started. */
  DurableExecutionName: string;
  /** The Amazon Resource Name (ARN) of the Lambda function. */
  FunctionArn: string;
  /** The current status of the durable execution. */
  Status: ExecutionStatus;
  /** The date and time when the durable execution started, in ISO-8601 format (YYYY-MM-DDThh:mm:ss.sTZD). */
  StartTimestamp: Date;
  /** The date and time when the durable execution ended, in ISO-8601 format (YYYY-MM-DDThh:mm:ss.sTZD). */
  EndTimestamp?: Date;
  /** The ARN of the Key Management Service (KMS) customer managed key that is used to encrypt your durable execution's payload data, including input, output, and… */
  KMSKeyArn?: string;
}

/** Details about a durable execution. */
export interface ExecutionDetails {
  /** The original input payload provided for the durable execution. */
  InputPayload?: string;
}

/** Details about a failed durable execution. */
export interface ExecutionFailedDetails {
  /** Details about the execution failure. */
  Error: EventError;
}

/** Details about a durable execution that started. */
export interface ExecutionStartedDetails {
  /** The input payload provided for the durable execution. */
  Input: EventInput;
  /** The maximum amount of time that the durable execution is allowed to run, in seconds. */
  ExecutionTimeout: number;
}

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'STOPPED';
export const ExecutionStatusValues = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'STOPPED'] as const;

/** Details about a durable execution that stopped. */
export interface ExecutionStoppedDetails {
  /** Details about why the execution stopped. */
  Error: EventError;
}

/** Details about a durable execution that succeeded. */
export interface ExecutionSucceededDetails {
  /** The response payload from the successful operation. */
  Result: EventResult;
}

/** Details about a durable execution that timed out. */
export interface ExecutionTimedOutDetails {
  /** Details about the execution timeout. */
  Error?: EventError;
}

/** Details about the connection between a Lambda function and an Amazon EFS file system or an Amazon S3 Files file system. */
export interface FileSystemConfig {
  /** The Amazon Resource Name (ARN) of the Amazon EFS or Amazon S3 Files access point that provides access to the file system. */
  Arn: string;
  /** The path where the function can access the file system, starting with /mnt/. */
  LocalMountPath: string;
}

/** A structure within a FilterCriteria object that defines an event filtering pattern. */
export interface Filter {
  /** A filter pattern. For more information on the syntax of a filter pattern, see Filter rule syntax. */
  Pattern?: string;
}

/** An object that contains the filters for an event source. */
export interface FilterCriteria {
  /** A list of filters. */
  Filters?: Filter[];
}

/** An object that contains details about an error related to filter criteria encryption. */
export interface FilterCriteriaError {
  /** The KMS exception that resulted from filter criteria encryption or decryption. */
  ErrorCode?: string;
  /** The error message. */
  Message?: string;
}

export type FullDocument = 'UpdateLookup' | 'Default';
export const FullDocumentValues = ['UpdateLookup', 'Default'] as const;

/** The code for the Lambda function. */
export interface FunctionCode {
  /** The base64-encoded contents of the deployment package. Amazon Web Services SDK and CLI clients handle the encoding for you. */
  ZipFile?: Buffer;
  /** An Amazon S3 bucket in the same Amazon Web Services Region as your function. The bucket can be in a different Amazon Web Services account. */
  S3Bucket?: string;
  /** The Amazon S3 key of the deployment package. */
  S3Key?: string;
  /** For versioned objects, the version of the deployment package object to use. */
  S3ObjectVersion?: string;
  /** Specifies how the deployment package is stored. Valid values: */
  S3ObjectStorageMode?: S3ObjectStorageMode;
  /** URI of a container image in the Amazon ECR registry. */
  ImageUri?: string;
  /** The ARN of the Key Management Service (KMS) customer managed key that's used to encrypt your function's .zip deployment package. */
  SourceKMSKeyArn?: string;
}

/** Details about a function's deployment package. */
export interface FunctionCodeLocation {
  /** The service that's hosting the file. */
  RepositoryType?: string;
  /** A presigned URL that you can use to download the deployment package. */
  Location?: string;
  /** URI of a container image in the Amazon ECR registry. */
  ImageUri?: string;
  /** The resolved URI for the image. */
  ResolvedImageUri?: string;
  /** The resolved Amazon S3 object that contains the deployment package. */
  ResolvedS3Object?: ResolvedS3Object;
  /** The ARN of the Key Management Service (KMS) customer managed key that's used to encrypt your function's .zip deployment package. */
  SourceKMSKeyArn?: string;
  /** An object that contains details about an error related to function deployment package retrieval. */
  Error?: FunctionCodeLocationError;
}

/** Contains details about an error that occurred when Lambda attempted to retrieve a function's deployment package. */
export interface FunctionCodeLocationError {
  /** The error code that identifies why Lambda failed to retrieve the deployment package. */
  ErrorCode?: string;
  /** The human-readable message that describes why Lambda failed to retrieve the deployment package. */
  Message?: string;
}

/** Details about a function's configuration. */
export interface FunctionConfiguration {
  /** The name of the function. */
  FunctionName?: string;
  /** The function's Amazon Resource Name (ARN). */
  FunctionArn?: string;
  /** The identifier of the function's runtime. */
  Runtime?: Runtime;
  /** The function's execution role. */
  Role?: string;
  /** The function that Lambda calls to begin running your function. */
  Handler?: string;
  /** The size of the function's deployment package, in bytes. */
  CodeSize?: number;
  /** The function's description. */
  Description?: string;
  /** The amount of time in seconds that Lambda allows a function to run before stopping it. */
  Timeout?: number;
  /** The amount of memory available to the function at runtime. */
  MemorySize?: number;
  /** The date and time that the function was last updated, in ISO-8601 format (YYYY-MM-DDThh:mm:ss.sTZD). */
  LastModified?: string;
  /** The SHA256 hash of the function's deployment package. */
  CodeSha256?: string;
  /** The version of the Lambda function. */
  Version?: string;
  /** The function's networking configuration. */
  VpcConfig?: VpcConfigResponse;
  /** The function's dead letter queue. */
  DeadLetterConfig?: DeadLetterConfig;
  /** The function's environment variables. Omitted from CloudTrail logs. */
  Environment?: EnvironmentResponse;
  /** The ARN of the Key Management Service (KMS) customer managed key that's used to encrypt the following resources: */
  KMSKeyArn?: string;
  /** The function's X-Ray tracing configuration. */
  TracingConfig?: TracingConfigResponse;
  /** For Lambda@Edge functions, the ARN of the main function. */
  MasterArn?: string;
  /** The latest updated revision of the function or alias. */
  RevisionId?: string;
  /** The function's layers. */
  Layers?: Layer[];
  /** The current state of the function. When the state is Inactive, you can reactivate the function by invoking it. */
  State?: State;
  /** The reason for the function's current state. */
  StateReason?: string;
  /** The reason code for the function's current state. When the code is Creating, you can't invoke or modify the function. */
  StateReasonCode?: StateReasonCode;
  /** The status of the last update that was performed on the function. This is first set to Successful after function creation completes. */
  LastUpdateStatus?: LastUpdateStatus;
  /** The reason for the last update that was performed on the function. */
  LastUpdateStatusReason?: string;
  /** The reason code for the last update that was performed on the function. */
  LastUpdateStatusReasonCode?: LastUpdateStatusReasonCode;
  /** Connection settings for an Amazon EFS file system or an Amazon S3 Files file system. */
  FileSystemConfigs?: FileSystemConfig[];
  /** The ARN of the signing profile version. */
  SigningProfileVersionArn?: string;
  /** The ARN of the signing job. */
  SigningJobArn?: string;
  /** The type of deployment package. Set to Image for container image and set Zip for .zip file archive. */
  PackageType?: PackageType;
  /** The function's image configuration values. */
  ImageConfigResponse?: ImageConfigResponse;
  /** The instruction set architecture that the function supports. */
  Architectures?: Architecture[];
  /** The size of the function's /tmp directory in MB. */
  EphemeralStorage?: EphemeralStorage;
  /** Set ApplyOn to PublishedVersions to create a snapshot of the initialized execution environment when you publish a function version. */
  SnapStart?: SnapStartResponse;
  /** The ARN of the runtime and any errors that occured. */
  RuntimeVersionConfig?: RuntimeVersionConfig;
  /** The function's Amazon CloudWatch Logs configuration settings. */
  LoggingConfig?: LoggingConfig;
  /** The function's tenant isolation configuration settings. Determines whether the Lambda function runs on a shared or dedicated infrastructure per unique tenant. */
  TenancyConfig?: TenancyConfig;
  /** Configuration for the capacity provider that manages compute resources for Lambda functions. */
  CapacityProviderConfig?: CapacityProviderConfig;
  /** The SHA256 hash of the function configuration. */
  ConfigSha256?: string;
  /** The function's durable execution configuration settings, if the function is configured for durability. */
  DurableConfig?: DurableConfig;
}

export interface FunctionEventInvokeConfig {
  /** The date and time that the configuration was last updated. */
  LastModified?: Date;
  /** The Amazon Resource Name (ARN) of the function. */
  FunctionArn?: string;
  /** The maximum number of times to retry when the function returns an error. */
  MaximumRetryAttempts?: number;
  /** The maximum age of a request that Lambda sends to a function for processing. */
  MaximumEventAgeInSeconds?: number;
  /** A destination for events after they have been sent to a function for processing. */
  DestinationConfig?: DestinationConfig;
}

export type FunctionResponseType = 'ReportBatchItemFailures';
export const FunctionResponseTypeValues = ['ReportBatchItemFailures'] as const;

/** Configuration that defines the scaling behavior for a Lambda Managed Instances function, including the minimum and maximum number of execution environments… */
export interface FunctionScalingConfig {
  /** The minimum number of execution environments to maintain for the function. */
  MinExecutionEnvironments?: number;
  /** The maximum number of execution environments that can be provisioned for the function. */
  MaxExecutionEnvironments?: number;
}

export type FunctionUrlAuthType = 'NONE' | 'AWS_IAM';
export const FunctionUrlAuthTypeValues = ['NONE', 'AWS_IAM'] as const;

/** Details about a Lambda function URL. */
export interface FunctionUrlConfig {
  /** The HTTP URL endpoint for your function. */
  FunctionUrl: string;
  /** The Amazon Resource Name (ARN) of your function. */
  FunctionArn: string;
  /** When the function URL was created, in ISO-8601 format (YYYY-MM-DDThh:mm:ss.sTZD). */
  CreationTime: string;
  /** When the function URL configuration was last updated, in ISO-8601 format (YYYY-MM-DDThh:mm:ss.sTZD). */
  LastModifiedTime: string;
  /** The cross-origin resource sharing (CORS) settings for your function URL. */
  Cors?: Cors;
  /** The type of authentication that your function URL uses. */
  AuthType: FunctionUrlAuthType;
  /** Use one of the following options: */
  InvokeMode?: InvokeMode;
}

export type FunctionVersion = 'ALL';
export const FunctionVersionValues = ['ALL'] as const;

export type FunctionVersionLatestPublished = 'LATEST_PUBLISHED';
export const FunctionVersionLatestPublishedValues = ['LATEST_PUBLISHED'] as const;

/** Information about a function version that uses a specific capacity provider, including its ARN and current state. */
export interface FunctionVersionsByCapacityProviderListItem {
  /** The Amazon Resource Name (ARN) of the function version. */
  FunctionArn: string;
  /** The current state of the function version. */
  State: State;
}

/** Error shape. The maximum number of function versions that can be associated with a single capacity provider has been exceeded. For more information, see Lambda quotas. */
export interface FunctionVersionsPerCapacityProviderLimitExceededException {
  /** The exception type. */
  Type?: string;
  message?: string;
}

export interface GetAccountSettingsRequest {}

export interface GetAccountSettingsResponse {
  /** Limits that are related to concurrency and code storage. */
  AccountLimit?: AccountLimit;
  /** The number of functions and amount of storage in use. */
  AccountUsage?: AccountUsage;
}

export interface GetAliasRequest {
  /** The name or ARN of the Lambda function. */
  FunctionName: string;
  /** The name of the alias. */
  Name: string;
}

export interface GetCapacityProviderRequest {
  /** The name of the capacity provider to retrieve. */
  CapacityProviderName: string;
}

export interface GetCapacityProviderResponse {
  /** Information about the capacity provider, including its configuration and current state. */
  CapacityProvider: CapacityProvider;
}

export interface GetCodeSigningConfigRequest {
  /** The The Amazon Resource Name (ARN) of the code signing configuration. */
  CodeSigningConfigArn: string;
}

export interface GetCodeSigningConfigResponse {
  /** The code signing configuration */
  CodeSigningConfig: CodeSigningConfig;
}

export interface GetDurableExecutionHistoryRequest {
  /** The Amazon Resource Name (ARN) of the durable execution. */
  DurableExecutionArn: string;
  /** Specifies whether to include execution data such as step results and callback payloads in the history events. */
  IncludeExecutionData?: boolean;
  /** The maximum number of history events to return per call. */
  MaxItems?: number;
  /** If NextMarker was returned from a previous request, use this value to retrieve the next page of results. Each pagination token expires after 24 hours. */
  Marker?: string;
  /** When set to true, returns the history events in reverse chronological order (newest first). */
  ReverseOrder?: boolean;
}

/** The response from the GetDurableExecutionHistory operation, containing the execution history and events. */
export interface GetDurableExecutionHistoryResponse {
  /** An array of execution history events, ordered chronologically unless ReverseOrder is set to true. */
  Events: EventShape[];
  /** If present, indicates that more history events are available. */
  NextMarker?: string;
}

export interface GetDurableExecutionRequest {
  /** The Amazon Resource Name (ARN) of the durable execution. */
  DurableExecutionArn: string;
  /** Specifies whether to include execution data such as input payload, result, and error information in the response. */
  IncludeExecutionData?: boolean;
}

/** The response from the GetDurableExecution operation, containing detailed information about the durable execution. */
export interface GetDurableExecutionResponse {
  /** The Amazon Resource Name (ARN) of the durable execution. */
  DurableExecutionArn: string;
  /** The name of the durable execution. */
  DurableExecutionName: string;
  /** The Amazon Resource Name (ARN) of the Lambda function that was invoked to start this durable execution. */
  FunctionArn: string;
  /** The JSON input payload that was provided when the durable execution was started. */
  InputPayload?: string;
  /** The JSON result returned by the durable execution if it completed successfully. */
  Result?: string;
  /** Error information if the durable execution failed. */
  Error?: ErrorObject;
  /** The date and time when the durable execution started, in Unix timestamp format. */
  StartTimestamp: Date;
  /** The current status of the durable execution. Valid values are RUNNING, SUCCEEDED, FAILED, TIMED_OUT, and STOPPED. */
  Status: ExecutionStatus;
  /** The date and time when the durable execution ended, in Unix timestamp format. */
  EndTimestamp?: Date;
  /** The version of the Lambda function that was invoked for this durable execution. */
  Version?: string;
  /** The trace headers associated with the durable execution. */
  TraceHeader?: TraceHeader;
  /** Indicates whether execution data is included in this response. Returns false when IncludeExecutionData is set to false in the request. */
  ExecutionDataIncluded?: boolean;
  /** Configuration settings for the durable execution, including execution timeout, retention period for execution history, and an optional ARN of the Key… */
  DurableConfig?: DurableConfig;
}

export interface GetDurableExecutionStateRequest {
  /** The Amazon Resource Name (ARN) of the durable execution. */
  DurableExecutionArn: string;
  /** A checkpoint token that identifies the current state of the execution. */
  CheckpointToken: string;
  /** If NextMarker was returned from a previous request, use this value to retrieve the next page of operations. Each pagination token expires after 24 hours. */
  Marker?: string;
  /** The maximum number of operations to return per call. */
  MaxItems?: number;
}

/** The response from the GetDurableExecutionState operation, containing the current execution state for replay. */
export interface GetDurableExecutionStateResponse {
  /** An array of operations that represent the current state of the durable execution. */
  Operations: Operation[];
  /** If present, indicates that more operations are available. Use this value as the Marker parameter in a subsequent request to retrieve the next page of results. */
  NextMarker?: string;
}

export interface GetEventSourceMappingRequest {
  /** The identifier of the event source mapping. */
  UUID: string;
}

export interface GetFunctionCodeSigningConfigRequest {
  /** The name or ARN of the Lambda function. */
  FunctionName: string;
}

export interface GetFunctionCodeSigningConfigResponse {
  /** The The Amazon Resource Name (ARN) of the code signing configuration. */
  CodeSigningConfigArn: string;
  /** The name or ARN of the Lambda function. */
  FunctionName: string;
}

export interface GetFunctionConcurrencyRequest {
  /** The name or ARN of the Lambda function. */
  FunctionName: string;
}

export interface GetFunctionConcurrencyResponse {
  /** The number of simultaneous executions that are reserved for the function. */
  ReservedConcurrentExecutions?: number;
}

export interface GetFunctionConfigurationRequest {
  /** The name or ARN of the Lambda function, version, or alias. */
  FunctionName: string;
  /** Specify a version or alias to get details about a published version of the function. */
  Qualifier?: string;
}

export interface GetFunctionEventInvokeConfigRequest {
  /** The name or ARN of the Lambda function, version, or alias. */
  FunctionName: string;
  /** A version number or alias name. */
  Qualifier?: string;
}

export interface GetFunctionRecursionConfigRequest {
  /** The name of the function. */
  FunctionName: string;
}

export interface GetFunctionRecursionConfigResponse {
  /** If your function's recursive loop detection configuration is Allow, Lambda doesn't take any action when it detects your function being invoked as part of a… */
  RecursiveLoop?: RecursiveLoop;
}

export interface GetFunctionRequest {
  /** The name or ARN of the Lambda function, version, or alias. */
  FunctionName: string;
  /** Specify a version or alias to get details about a published version of the function. */
  Qualifier?: string;
}

export interface GetFunctionResponse {
  /** The configuration of the function or version. */
  Configuration?: FunctionConfiguration;
  /** The deployment package of the function or version. */
  Code?: FunctionCodeLocation;
  /** The function's tags. Lambda returns tag data only if you have explicit allow permissions for lambda:ListTags. */
  Tags?: Record<string, string>;
  /** An object that contains details about an error related to retrieving tags. */
  TagsError?: TagsError;
  /** The function's reserved concurrency. */
  Concurrency?: Concurrency;
}

export interface GetFunctionScalingConfigRequest {
  /** The name or ARN of the Lambda function. */
  FunctionName: string;
  /** Specify a version or alias to get the scaling configuration for a published version of the function. */
  Qualifier: string;
}

export interface GetFunctionScalingConfigResponse {
  /** The Amazon Resource Name (ARN) of the function. */
  FunctionArn?: string;
  /** The scaling configuration that is currently applied to the function. This represents the actual scaling settings in effect. */
  AppliedFunctionScalingConfig?: FunctionScalingConfig;
  /** The scaling configuration that was requested for the function. */
  RequestedFunctionScalingConfig?: FunctionScalingConfig;
}

export interface GetFunctionUrlConfigRequest {
  /** The name or ARN of the Lambda function. */
  FunctionName: string;
  /** The alias name. */
  Qualifier?: string;
}

export interface GetFunctionUrlConfigResponse {
  /** The HTTP URL endpoint for your function. */
  FunctionUrl: string;
  /** The Amazon Resource Name (ARN) of your function. */
  FunctionArn: string;
  /** The type of authentication that your function URL uses. */
  AuthType: FunctionUrlAuthType;
  /** The cross-origin resource sharing (CORS) settings for your function URL. */
  Cors?: Cors;
  /** When the function URL was created, in ISO-8601 format (YYYY-MM-DDThh:mm:ss.sTZD). */
  CreationTime: string;
  /** When the function URL configuration was last updated, in ISO-8601 format (YYYY-MM-DDThh:mm:ss.sTZD). */
  LastModifiedTime: string;
  /** Use one of the following options: */
  InvokeMode?: InvokeMode;
}

export interface GetLayerVersionByArnRequest {
  /** The ARN of the layer version. */
  Arn: string;
}

export interface GetLayerVersionPolicyRequest {
  /** The name or Amazon Resource Name (ARN) of the layer. */
  LayerName: string;
  /** The version number. */
  VersionNumber: number;
}

export interface GetLayerVersionPolicyResponse {
  /** The policy document. */
  Policy?: string;
  /** A unique identifier for the current revision of the policy. */
  RevisionId?: string;
}

export interface GetLayerVersionRequest {
  /** The name or Amazon Resource Name (ARN) of the layer. */
  LayerName: string;
  /** The version number. */
  VersionNumber: number;
}

export interface GetLayerVersionResponse {
  /** Details about the layer version. */
  Content?: LayerVersionContentOutput;
  /** The ARN of the layer. */
  LayerArn?: string;
  /** The ARN of the layer version. */
  LayerVersionArn?: string;
  /** The description of the version. */
  Description?: string;
  /** The date that the layer version was created, in ISO-8601 format (YYYY-MM-DDThh:mm:ss.sTZD). */
  CreatedDate?: string;
  /** The version number. */
  Version?: number;
  /** A list of compatible instruction set architectures. */
  CompatibleArchitectures?: Architecture[];
  /** The layer's compatible runtimes. */
  CompatibleRuntimes?: Runtime[];
  /** The layer's software license. */
  LicenseInfo?: string;
}

export interface GetPolicyRequest {
  /** The name or ARN of the Lambda function, version, or alias. */
  FunctionName: string;
  /** Specify a version or alias to get the policy for that resource. */
  Qualifier?: string;
}

export interface GetPolicyResponse {
  /** The resource-based policy. */
  Policy?: string;
  /** A unique identifier for the current revision of the policy. */
  RevisionId?: string;
}

export interface GetProvisionedConcurrencyConfigRequest {
  /** The name or ARN of the Lambda function. */
  FunctionName: string;
  /** The version number or alias name. */
  Qualifier: string;
}

export interface GetProvisionedConcurrencyConfigResponse {
  /** The amount of provisioned concurrency requested. */
  RequestedProvisionedConcurrentExecutions?: number;
  /** The amount of provisioned concurrency available. */
  AvailableProvisionedConcurrentExecutions?: number;
  /** The amount of provisioned concurrency allocated. */
  AllocatedProvisionedConcurrentExecutions?: number;
  /** The status of the allocation process. */
  Status?: ProvisionedConcurrencyStatusEnum;
  /** For failed allocations, the reason that provisioned concurrency could not be allocated. */
  StatusReason?: string;
  /** The date and time that a user last updated the configuration, in ISO 8601 format. */
  LastModified?: string;
}

export interface GetRuntimeManagementConfigRequest {
  /** The name or ARN of the Lambda function. */
  FunctionName: string;
  /** Specify a version of the function. */
  Qualifier?: string;
}

export interface GetRuntimeManagementConfigResponse {
  /** The current runtime update mode of the function. */
  UpdateRuntimeOn?: UpdateRuntimeOn;
  /** The Amazon Resource Name (ARN) of your function. */
  FunctionArn?: string;
  /** The ARN of the runtime the function is configured to use. If the runtime update mode is Manual, the ARN is returned, otherwise null is returned. */
  RuntimeVersionArn?: string;
}

/** Configuration values that override the container image Dockerfile settings. For more information, see Container image settings. */
export interface ImageConfig {
  /** Specifies the entry point to their application, which is typically the location of the runtime executable. */
  EntryPoint?: string[];
  /** Specifies parameters that you want to pass in with ENTRYPOINT. */
  Command?: string[];
  /** Specifies the working directory. */
  WorkingDirectory?: string;
}

/** Error response to GetFunctionConfiguration. */
export interface ImageConfigError {
  /** Error code. */
  ErrorCode?: string;
  /** Error message. */
  Message?: string;
}

/** Response to a GetFunctionConfiguration request. */
export interface ImageConfigResponse {
  /** Configuration values that override the container image Dockerfile. */
  ImageConfig?: ImageConfig;
  /** Error response to GetFunctionConfiguration. */
  Error?: ImageConfigError;
}

/** Specifications that define the characteristics and constraints for compute instances used by the capacity provider. */
export interface InstanceRequirements {
  /** A list of supported CPU architectures for compute instances. Valid values include x86_64 and arm64. */
  Architectures?: Architecture[];
  /** A list of EC2 instance types that the capacity provider is allowed to use. If not specified, all compatible instance types are allowed. */
  AllowedInstanceTypes?: string[];
  /** A list of EC2 instance types that the capacity provider should not use, even if they meet other requirements. */
  ExcludedInstanceTypes?: string[];
}

/** Error shape. The code signature failed the integrity check. If the integrity check fails, then Lambda blocks deployment, even if the code signing policy is set to WARN. */
export interface InvalidCodeSignatureException {
  Type?: string;
  Message?: string;
}

/** Error shape. One of the parameters in the request is not valid. */
export interface InvalidParameterValueException {
  /** The exception type. */
  Type?: string;
  /** The exception message. */
  message?: string;
}

/** Error shape. The request body could not be parsed as JSON, or a request header is invalid. For example, the 'x-amzn-RequestId' header is not a valid UUID string. */
export interface InvalidRequestContentException {
  /** The exception type. */
  Type?: string;
  /** The exception message. */
  message?: string;
}

/** Error shape. The runtime or runtime version specified is not supported. */
export interface InvalidRuntimeException {
  Type?: string;
  Message?: string;
}

/** Error shape. The security group ID provided in the Lambda function VPC configuration is not valid. */
export interface InvalidSecurityGroupIDException {
  Type?: string;
  Message?: string;
}

/** Error shape. The subnet ID provided in the Lambda function VPC configuration is not valid. */
export interface InvalidSubnetIDException {
  Type?: string;
  Message?: string;
}

/** Error shape. Lambda could not unzip the deployment package. */
export interface InvalidZipFileException {
  Type?: string;
  Message?: string;
}

/** Details about a function invocation that completed. */
export interface InvocationCompletedDetails {
  /** The date and time when the invocation started, in ISO-8601 format (YYYY-MM-DDThh:mm:ss.sTZD). */
  StartTimestamp: Date;
  /** The date and time when the invocation ended, in ISO-8601 format (YYYY-MM-DDThh:mm:ss.sTZD). */
  EndTimestamp: Date;
  /** The request ID for the invocation. */
  RequestId: string;
  /** Details about the invocation failure. */
  Error?: EventError;
}

export interface InvocationRequest {
  /** The name or ARN of the Lambda function, version, or alias. */
  FunctionName: string;
  /** Choose from the following options. */
  InvocationType?: InvocationType;
  /** Set to Tail to include the execution log in the response. Applies to synchronously invoked functions only. */
  LogType?: LogType;
  /** Up to 3,583 bytes of base64-encoded data about the invoking client to pass to the function in the context object. */
  ClientContext?: string;
  /** A unique name for the durable execution. */
  DurableExecutionName?: string;
  /** The JSON that you want to provide to your Lambda function as input. */
  Payload?: Buffer;
  /** Specify a version or alias to invoke a published version of the function. */
  Qualifier?: string;
  /** The identifier of the tenant in a multi-tenant Lambda function. */
  TenantId?: string;
}

export interface InvocationResponse {
  /** The HTTP status code is in the 200 range for a successful request. */
  StatusCode?: number;
  /** If present, indicates that an error occurred during function execution. Details about the error are included in the response payload. */
  FunctionError?: string;
  /** The last 4 KB of the execution log, which is base64-encoded. */
  LogResult?: string;
  /** The response from the function, or an error object. */
  Payload?: Buffer;
  /** The version of the function that executed. When you invoke a function with an alias, this indicates which version the alias resolved to. */
  ExecutedVersion?: string;
  /** The ARN of the durable execution that was started. */
  DurableExecutionArn?: string;
}

export type InvocationType = 'Event' | 'RequestResponse' | 'DryRun';
export const InvocationTypeValues = ['Event', 'RequestResponse', 'DryRun'] as const;

/** @deprecated */
export interface InvokeAsyncRequest {
  /** The name or ARN of the Lambda function. */
  FunctionName: string;
  /** The JSON that you want to provide to your Lambda function as input. */
  InvokeArgs: Buffer;
}

/** @deprecated A success response (202 Accepted) indicates that the request is queued for invocation. */
export interface InvokeAsyncResponse {
  /** The status code. */
  Status?: number;
}

export type InvokeMode = 'BUFFERED' | 'RESPONSE_STREAM';
export const InvokeModeValues = ['BUFFERED', 'RESPONSE_STREAM'] as const;

/** A chunk of the streamed response payload. */
export interface InvokeResponseStreamUpdate {
  /** Data returned by your Lambda function. */
  Payload?: Buffer;
}

/** A response confirming that the event stream is complete. */
export interface InvokeWithResponseStreamCompleteEvent {
  /** An error code. */
  ErrorCode?: string;
  /** The details of any returned error. */
  ErrorDetails?: string;
  /** The last 4 KB of the execution log, which is base64-encoded. */
  LogResult?: string;
}

export interface InvokeWithResponseStreamRequest {
  /** The name or ARN of the Lambda function. */
  FunctionName: string;
  /** Set to Tail to include the execution log in the response. Applies to synchronously invoked functions only. */
  LogType?: LogType;
  /** Up to 3,583 bytes of base64-encoded data about the invoking client to pass to the function in the context object. */
  ClientContext?: string;
  /** The alias name. */
  Qualifier?: string;
  /** The JSON that you want to provide to your Lambda function as input. */
  Payload?: Buffer;
  /** The identifier of the tenant in a multi-tenant Lambda function. */
  TenantId?: string;
  /** Use one of the following options: */
  InvocationType?: ResponseStreamingInvocationType;
}

export interface InvokeWithResponseStreamResponse {
  /** For a successful request, the HTTP status code is in the 200 range. */
  StatusCode?: number;
  /** The version of the function that executed. When you invoke a function with an alias, this indicates which version the alias resolved to. */
  ExecutedVersion?: string;
  /** The stream of response payloads. */
  EventStream?: InvokeWithResponseStreamResponseEvent;
  /** The type of data the stream is returning. */
  ResponseStreamContentType?: string;
}

/** Exactly one member is set. An object that includes a chunk of the response payload. When the stream has ended, Lambda includes a InvokeComplete object. */
export interface InvokeWithResponseStreamResponseEvent {
  /** A chunk of the streamed response payload. */
  PayloadChunk?: InvokeResponseStreamUpdate;
  /** An object that's returned when the stream has ended and all the payload chunks have been returned. */
  InvokeComplete?: InvokeWithResponseStreamCompleteEvent;
}

/** Error shape. Lambda couldn't decrypt the environment variables because KMS access was denied. Check the Lambda function's KMS permissions. */
export interface KMSAccessDeniedException {
  Type?: string;
  Message?: string;
}

/** Error shape. Lambda couldn't decrypt the environment variables because the KMS key used is disabled. Check the Lambda function's KMS key settings. */
export interface KMSDisabledException {
  Type?: string;
  Message?: string;
}

/** Error shape. Lambda couldn't decrypt the environment variables because the state of the KMS key used is not valid for Decrypt. Check the function's KMS key settings. */
export interface KMSInvalidStateException {
  Type?: string;
  Message?: string;
}

/** Error shape. Lambda couldn't decrypt the environment variables because the KMS key was not found. Check the function's KMS key settings. */
export interface KMSNotFoundException {
  Type?: string;
  Message?: string;
}

/** Specific access configuration settings that tell Lambda how to authenticate with your schema registry. */
export interface KafkaSchemaRegistryAccessConfig {
  /** The type of authentication Lambda uses to access your schema registry. */
  Type?: KafkaSchemaRegistryAuthType;
  /** The URI of the secret (Secrets Manager secret ARN) to authenticate with your schema registry. */
  URI?: string;
}

export type KafkaSchemaRegistryAuthType = 'BASIC_AUTH' | 'CLIENT_CERTIFICATE_TLS_AUTH' | 'SERVER_ROOT_CA_CERTIFICATE';
export const KafkaSchemaRegistryAuthTypeValues = [
  'BASIC_AUTH',
  'CLIENT_CERTIFICATE_TLS_AUTH',
  'SERVER_ROOT_CA_CERTIFICATE',
] as const;

/** Specific configuration settings for a Kafka schema registry. */
export interface KafkaSchemaRegistryConfig {
  /** The URI for your schema registry. The correct URI format depends on the type of schema registry you're using. */
  SchemaRegistryURI?: string;
  /** The record format that Lambda delivers to your function after schema validation. */
  EventRecordFormat?: SchemaRegistryEventRecordFormat;
  /** An array of access configuration objects that tell Lambda how to authenticate with your schema registry. */
  AccessConfigs?: KafkaSchemaRegistryAccessConfig[];
  /** An array of schema validation configuration objects, which tell Lambda the message attributes you want to validate and filter using your schema registry. */
  SchemaValidationConfigs?: KafkaSchemaValidationConfig[];
}

export type KafkaSchemaValidationAttribute = 'KEY' | 'VALUE';
export const KafkaSchemaValidationAttributeValues = ['KEY', 'VALUE'] as const;

/** Specific schema validation configuration settings that tell Lambda the message attributes you want to validate and filter using your schema registry. */
export interface KafkaSchemaValidationConfig {
  /** The attributes you want your schema registry to validate and filter for. */
  Attribute?: KafkaSchemaValidationAttribute;
}

/** Configuration for Lambda-managed instances used by the capacity provider. */
export interface LambdaManagedInstancesCapacityProviderConfig {
  /** The Amazon Resource Name (ARN) of the capacity provider. */
  CapacityProviderArn: string;
  /** The maximum number of concurrent execution environments that can run on each compute instance. */
  PerExecutionEnvironmentMaxConcurrency?: number;
  /** The amount of memory in GiB allocated per vCPU for execution environments. */
  ExecutionEnvironmentMemoryGiBPerVCpu?: number;
}

export type LastUpdateStatus = 'Successful' | 'Failed' | 'InProgress';
export const LastUpdateStatusValues = ['Successful', 'Failed', 'InProgress'] as const;

export type LastUpdateStatusReasonCode =
  | 'EniLimitExceeded'
  | 'InsufficientRolePermissions'
  | 'InvalidConfiguration'
  | 'InternalError'
  | 'SubnetOutOfIPAddresses'
  | 'InvalidSubnet'
  | 'InvalidSecurityGroup'
  | 'ImageDeleted'
  | 'ImageAccessDenied'
  | 'InvalidImage'
  | 'KMSKeyAccessDenied'
  | 'KMSKeyNotFound'
  | 'InvalidStateKMSKey'
  | 'DisabledKMSKey'
  | 'EFSIOError'
  | 'EFSMountConnectivityError'
  | 'EFSMountFailure'
  | 'EFSMountTimeout'
  | 'InvalidRuntime'
  | 'InvalidZipFileException'
  | 'FunctionError'
  | 'ServiceQuotaExceededException'
  | 'VcpuLimitExceeded'
  | 'CapacityProviderScalingLimitExceeded'
  | 'InsufficientCapacity'
  | 'EC2RequestLimitExceeded'
  | 'FunctionError.InitTimeout'
  | 'FunctionError.RuntimeInitError'
  | 'FunctionError.ExtensionInitError'
  | 'FunctionError.InvalidEntryPoint'
  | 'FunctionError.InvalidWorkingDirectory'
  | 'FunctionError.PermissionDenied'
  | 'FunctionError.TooManyExtensions'
  | 'FunctionError.InitResourceExhausted'
  | 'DisallowedByVpcEncryptionControl'
  | 'DependencyError';
export const LastUpdateStatusReasonCodeValues = [
  'EniLimitExceeded',
  'InsufficientRolePermissions',
  'InvalidConfiguration',
  'InternalError',
  'SubnetOutOfIPAddresses',
  'InvalidSubnet',
  'InvalidSecurityGroup',
  'ImageDeleted',
  'ImageAccessDenied',
  'InvalidImage',
  'KMSKeyAccessDenied',
  'KMSKeyNotFound',
  'InvalidStateKMSKey',
  'DisabledKMSKey',
  'EFSIOError',
  'EFSMountConnectivityError',
  'EFSMountFailure',
  'EFSMountTimeout',
  'InvalidRuntime',
  'InvalidZipFileException',
  'FunctionError',
  'ServiceQuotaExceededException',
  'VcpuLimitExceeded',
  'CapacityProviderScalingLimitExceeded',
  'InsufficientCapacity',
  'EC2RequestLimitExceeded',
  'FunctionError.InitTimeout',
  'FunctionError.RuntimeInitError',
  'FunctionError.ExtensionInitError',
  'FunctionError.InvalidEntryPoint',
  'FunctionError.InvalidWorkingDirectory',
  'FunctionError.PermissionDenied',
  'FunctionError.TooManyExtensions',
  'FunctionError.InitResourceExhausted',
  'DisallowedByVpcEncryptionControl',
  'DependencyError',
] as const;

/** An Lambda layer. */
export interface Layer {
  /** The Amazon Resource Name (ARN) of the function layer. */
  Arn?: string;
  /** The size of the layer archive in bytes. */
  CodeSize?: number;
  /** The Amazon Resource Name (ARN) for a signing profile version. */
  SigningProfileVersionArn?: string;
  /** The Amazon Resource Name (ARN) of a signing job. */
  SigningJobArn?: string;
}

/** A ZIP archive that contains the contents of an Lambda layer. You can specify either an Amazon S3 location, or upload a layer archive directly. */
export interface LayerVersionContentInput {
  /** The Amazon S3 bucket of the layer archive. */
  S3Bucket?: string;
  /** The Amazon S3 key of the layer archive. */
  S3Key?: string;
  /** For versioned objects, the version of the layer archive object to use. */
  S3ObjectVersion?: string;
  /** Specifies how the layer archive is stored. Valid values: */
  S3ObjectStorageMode?: S3ObjectStorageMode;
  /** The base64-encoded contents of the layer archive. Amazon Web Services SDK and Amazon Web Services CLI clients handle the encoding for you. */
  ZipFile?: Buffer;
}

/** Details about a version of an Lambda layer. */
export interface LayerVersionContentOutput {
  /** A link to the layer archive in Amazon S3 that is valid for 10 minutes. */
  Location?: string;
  /** The SHA-256 hash of the layer archive. */
  CodeSha256?: string;
  /** The size of the layer archive in bytes. */
  CodeSize?: number;
  /** The Amazon Resource Name (ARN) for a signing profile version. */
  SigningProfileVersionArn?: string;
  /** The Amazon Resource Name (ARN) of a signing job. */
  SigningJobArn?: string;
  /** The resolved Amazon S3 object that contains the layer archive. */
  ResolvedS3Object?: ResolvedS3Object;
}

/** Details about a version of an Lambda layer. */
export interface LayerVersionsListItem {
  /** The ARN of the layer version. */
  LayerVersionArn?: string;
  /** The version number. */
  Version?: number;
  /** The description of the version. */
  Description?: string;
  /** The date that the version was created, in ISO 8601 format. For example, 2018-11-27T15:10:45.123+0000. */
  CreatedDate?: string;
  /** A list of compatible instruction set architectures. */
  CompatibleArchitectures?: Architecture[];
  /** The layer's compatible runtimes. */
  CompatibleRuntimes?: Runtime[];
  /** The layer's open-source license. */
  LicenseInfo?: string;
}

/** Details about an Lambda layer. */
export interface LayersListItem {
  /** The name of the layer. */
  LayerName?: string;
  /** The Amazon Resource Name (ARN) of the function layer. */
  LayerArn?: string;
  /** The newest version of the layer. */
  LatestMatchingVersion?: LayerVersionsListItem;
}

export interface ListAliasesRequest {
  /** The name or ARN of the Lambda function. */
  FunctionName: string;
  /** Specify a function version to only list aliases that invoke that version. */
  FunctionVersion?: string;
  /** Specify the pagination token that's returned by a previous request to retrieve the next page of results. */
  Marker?: string;
  /** Limit the number of aliases returned. */
  MaxItems?: number;
}

export interface ListAliasesResponse {
  /** The pagination token that's included if more results are available. */
  NextMarker?: string;
  /** A list of aliases. */
  Aliases?: AliasConfiguration[];
}

export interface ListCapacityProvidersRequest {
  /** Filter capacity providers by their current state. */
  State?: CapacityProviderState;
  /** Specify the pagination token that's returned by a previous request to retrieve the next page of results. */
  Marker?: string;
  /** The maximum number of capacity providers to return. */
  MaxItems?: number;
}

export interface ListCapacityProvidersResponse {
  /** A list of capacity providers in your account. */
  CapacityProviders: CapacityProvider[];
  /** The pagination token that's included if more results are available. */
  NextMarker?: string;
}

export interface ListCodeSigningConfigsRequest {
  /** Specify the pagination token that's returned by a previous request to retrieve the next page of results. */
  Marker?: string;
  /** Maximum number of items to return. */
  MaxItems?: number;
}

export interface ListCodeSigningConfigsResponse {
  /** The pagination token that's included if more results are available. */
  NextMarker?: string;
  /** The code signing configurations */
  CodeSigningConfigs?: CodeSigningConfig[];
}

export interface ListDurableExecutionsByFunctionRequest {
  /** The name or ARN of the Lambda function. You can specify a function name, a partial ARN, or a full ARN. */
  FunctionName: string;
  /** The function version or alias. If not specified, lists executions for the $LATEST version. */
  Qualifier?: string;
  /** Filter executions by name. Only executions with names that matches this string are returned. */
  DurableExecutionName?: string;
  /** Filter executions by status. Valid values: RUNNING, SUCCEEDED, FAILED, TIMED_OUT, STOPPED. */
  Statuses?: ExecutionStatus[];
  /** Filter executions that started after this timestamp (ISO 8601 format). */
  StartedAfter?: Date;
  /** Filter executions that started before this timestamp (ISO 8601 format). */
  StartedBefore?: Date;
  /** Set to true to return results in chronological order (oldest first). Default is false. */
  ReverseOrder?: boolean;
  /** Pagination token from a previous request to continue retrieving results. */
  Marker?: string;
  /** Maximum number of executions to return (1-1000). Default is 100. */
  MaxItems?: number;
}

/** The response from the ListDurableExecutionsByFunction operation, containing a list of durable executions and pagination information. */
export interface ListDurableExecutionsByFunctionResponse {
  /** List of durable execution summaries matching the filter criteria. */
  DurableExecutions?: Execution[];
  /** Pagination token for retrieving additional results. Present only if there are more results available. */
  NextMarker?: string;
}

export interface ListEventSourceMappingsRequest {
  /** The Amazon Resource Name (ARN) of the event source. */
  EventSourceArn?: string;
  /** The name or ARN of the Lambda function. */
  FunctionName?: string;
  /** A pagination token returned by a previous call. */
  Marker?: string;
  /** The maximum number of event source mappings to return. */
  MaxItems?: number;
}

export interface ListEventSourceMappingsResponse {
  /** A pagination token that's returned when the response doesn't contain all event source mappings. */
  NextMarker?: string;
  /** A list of event source mappings. */
  EventSourceMappings?: EventSourceMappingConfiguration[];
}

export interface ListFunctionEventInvokeConfigsRequest {
  /** The name or ARN of the Lambda function. */
  FunctionName: string;
  /** Specify the pagination token that's returned by a previous request to retrieve the next page of results. */
  Marker?: string;
  /** The maximum number of configurations to return. */
  MaxItems?: number;
}

export interface ListFunctionEventInvokeConfigsResponse {
  /** A list of configurations. */
  FunctionEventInvokeConfigs?: FunctionEventInvokeConfig[];
  /** The pagination token that's included if more results are available. */
  NextMarker?: string;
}

export interface ListFunctionUrlConfigsRequest {
  /** The name or ARN of the Lambda function. */
  FunctionName: string;
  /** Specify the pagination token that's returned by a previous request to retrieve the next page of results. */
  Marker?: string;
  /** The maximum number of function URLs to return in the response. */
  MaxItems?: number;
}

export interface ListFunctionUrlConfigsResponse {
  /** A list of function URL configurations. */
  FunctionUrlConfigs: FunctionUrlConfig[];
  /** The pagination token that's included if more results are available. */
  NextMarker?: string;
}

export interface ListFunctionVersionsByCapacityProviderRequest {
  /** The name of the capacity provider to list function versions for. */
  CapacityProviderName: string;
  /** Specify the pagination token that's returned by a previous request to retrieve the next page of results. */
  Marker?: string;
  /** The maximum number of function versions to return in the response. */
  MaxItems?: number;
}

export interface ListFunctionVersionsByCapacityProviderResponse {
  /** The Amazon Resource Name (ARN) of the capacity provider. */
  CapacityProviderArn: string;
  /** A list of function versions that use the specified capacity provider. */
  FunctionVersions: FunctionVersionsByCapacityProviderListItem[];
  /** The pagination token that's included if more results are available. */
  NextMarker?: string;
}

export interface ListFunctionsByCodeSigningConfigRequest {
  /** The The Amazon Resource Name (ARN) of the code signing configuration. */
  CodeSigningConfigArn: string;
  /** Specify the pagination token that's returned by a previous request to retrieve the next page of results. */
  Marker?: string;
  /** Maximum number of items to return. */
  MaxItems?: number;
}

export interface ListFunctionsByCodeSigningConfigResponse {
  /** The pagination token that's included if more results are available. */
  NextMarker?: string;
  /** The function ARNs. */
  FunctionArns?: string[];
}

export interface ListFunctionsRequest {
  /** For Lambda@Edge functions, the Amazon Web Services Region of the master function. */
  MasterRegion?: string;
  /** Set to ALL to include entries for all published versions of each function. */
  FunctionVersion?: FunctionVersion;
  /** Specify the pagination token that's returned by a previous request to retrieve the next page of results. */
  Marker?: string;
  /** The maximum number of functions to return in the response. */
  MaxItems?: number;
}

/** A list of Lambda functions. */
export interface ListFunctionsResponse {
  /** The pagination token that's included if more results are available. */
  NextMarker?: string;
  /** A list of Lambda functions. */
  Functions?: FunctionConfiguration[];
}

export interface ListLayerVersionsRequest {
  /** The compatible instruction set architecture. */
  CompatibleArchitecture?: Architecture;
  /** A runtime identifier. */
  CompatibleRuntime?: Runtime;
  /** The name or Amazon Resource Name (ARN) of the layer. */
  LayerName: string;
  /** A pagination token returned by a previous call. */
  Marker?: string;
  /** The maximum number of versions to return. */
  MaxItems?: number;
}

export interface ListLayerVersionsResponse {
  /** A pagination token returned when the response doesn't contain all versions. */
  NextMarker?: string;
  /** A list of versions. */
  LayerVersions?: LayerVersionsListItem[];
}

export interface ListLayersRequest {
  /** The compatible instruction set architecture. */
  CompatibleArchitecture?: Architecture;
  /** A runtime identifier. */
  CompatibleRuntime?: Runtime;
  /** A pagination token returned by a previous call. */
  Marker?: string;
  /** The maximum number of layers to return. */
  MaxItems?: number;
}

export interface ListLayersResponse {
  /** A pagination token returned when the response doesn't contain all layers. */
  NextMarker?: string;
  /** A list of function layers. */
  Layers?: LayersListItem[];
}

export interface ListProvisionedConcurrencyConfigsRequest {
  /** The name or ARN of the Lambda function. */
  FunctionName: string;
  /** Specify the pagination token that's returned by a previous request to retrieve the next page of results. */
  Marker?: string;
  /** Specify a number to limit the number of configurations returned. */
  MaxItems?: number;
}

export interface ListProvisionedConcurrencyConfigsResponse {
  /** A list of provisioned concurrency configurations. */
  ProvisionedConcurrencyConfigs?: ProvisionedConcurrencyConfigListItem[];
  /** The pagination token that's included if more results are available. */
  NextMarker?: string;
}

export interface ListTagsRequest {
  /** The resource's Amazon Resource Name (ARN). Note: Lambda does not support adding tags to function aliases or versions. */
  Resource: string;
}

export interface ListTagsResponse {
  /** The function's tags. */
  Tags?: Record<string, string>;
}

export interface ListVersionsByFunctionRequest {
  /** The name or ARN of the Lambda function. */
  FunctionName: string;
  /** Specify the pagination token that's returned by a previous request to retrieve the next page of results. */
  Marker?: string;
  /** The maximum number of versions to return. Note that ListVersionsByFunction returns a maximum of 50 items in each response, even if you set the number higher. */
  MaxItems?: number;
}

export interface ListVersionsByFunctionResponse {
  /** The pagination token that's included if more results are available. */
  NextMarker?: string;
  /** A list of Lambda function versions. */
  Versions?: FunctionConfiguration[];
}

export type LogFormat = 'JSON' | 'Text';
export const LogFormatValues = ['JSON', 'Text'] as const;

export type LogType = 'None' | 'Tail';
export const LogTypeValues = ['None', 'Tail'] as const;

/** The function's Amazon CloudWatch Logs configuration settings. */
export interface LoggingConfig {
  /** The format in which Lambda sends your function's application and system logs to CloudWatch. Select between plain text and structured JSON. */
  LogFormat?: LogFormat;
  /** Set this property to filter the application logs for your function that Lambda sends to CloudWatch. */
  ApplicationLogLevel?: ApplicationLogLevel;
  /** Set this property to filter the system logs for your function that Lambda sends to CloudWatch. */
  SystemLogLevel?: SystemLogLevel;
  /** The name of the Amazon CloudWatch log group the function sends logs to. */
  LogGroup?: string;
}

/** Error shape. The Lambda function doesn't support the invocation mode requested. */
export interface ModeNotSupportedException {
  /** The exception type. */
  Type?: string;
  /** The exception message. */
  message?: string;
}

/** Error shape. The function has no published versions available. */
export interface NoPublishedVersionException {
  /** The exception type. */
  Type?: string;
  Message?: string;
}

/** A destination for events that failed processing. For more information, see Adding a destination. */
export interface OnFailure {
  /** The Amazon Resource Name (ARN) of the destination resource. */
  Destination?: string;
}

/** A destination for events that were processed successfully. */
export interface OnSuccess {
  /** The Amazon Resource Name (ARN) of the destination resource. */
  Destination?: string;
}

/** Information about an operation within a durable execution. */
export interface Operation {
  /** The unique identifier for this operation. */
  Id: string;
  /** The unique identifier of the parent operation, if this operation is running within a child context. */
  ParentId?: string;
  /** The customer-provided name for this operation. */
  Name?: string;
  /** The type of operation. */
  Type: OperationType;
  /** The subtype of the operation, providing additional categorization. */
  SubType?: string;
  /** The date and time when the operation started, in ISO-8601 format (YYYY-MM-DDThh:mm:ss.sTZD). */
  StartTimestamp: Date;
  /** The date and time when the operation ended, in ISO-8601 format (YYYY-MM-DDThh:mm:ss.sTZD). */
  EndTimestamp?: Date;
  /** The current status of the operation. */
  Status: OperationStatus;
  /** Details about the execution, if this operation represents an execution. */
  ExecutionDetails?: ExecutionDetails;
  /** Details about the context, if this operation represents a context. */
  ContextDetails?: ContextDetails;
  /** Details about the step, if this operation represents a step. */
  StepDetails?: StepDetails;
  /** Details about the wait operation, if this operation represents a wait. */
  WaitDetails?: WaitDetails;
  CallbackDetails?: CallbackDetails;
  ChainedInvokeDetails?: ChainedInvokeDetails;
}

export type OperationAction = 'START' | 'SUCCEED' | 'FAIL' | 'RETRY' | 'CANCEL';
export const OperationActionValues = ['START', 'SUCCEED', 'FAIL', 'RETRY', 'CANCEL'] as const;

export type OperationStatus =
  | 'STARTED'
  | 'PENDING'
  | 'READY'
  | 'SUCCEEDED'
  | 'FAILED'
  | 'CANCELLED'
  | 'TIMED_OUT'
  | 'STOPPED';
export const OperationStatusValues = [
  'STARTED',
  'PENDING',
  'READY',
  'SUCCEEDED',
  'FAILED',
  'CANCELLED',
  'TIMED_OUT',
  'STOPPED',
] as const;

export type OperationType = 'EXECUTION' | 'CONTEXT' | 'STEP' | 'WAIT' | 'CALLBACK' | 'CHAINED_INVOKE';
export const OperationTypeValues = ['EXECUTION', 'CONTEXT', 'STEP', 'WAIT', 'CALLBACK', 'CHAINED_INVOKE'] as const;

/** An update to be applied to an operation during checkpointing. */
export interface OperationUpdate {
  /** The unique identifier for this operation. */
  Id: string;
  /** The unique identifier of the parent operation, if this operation is running within a child context. */
  ParentId?: string;
  /** The customer-provided name for this operation. */
  Name?: string;
  /** The type of operation to update. */
  Type: OperationType;
  /** The subtype of the operation, providing additional categorization. */
  SubType?: string;
  /** The action to take on the operation. */
  Action: OperationAction;
  /** The payload for successful operations. */
  Payload?: string;
  /** The error information for failed operations. */
  Error?: ErrorObject;
  /** Options for context operations. */
  ContextOptions?: ContextOptions;
  /** Options for step operations. */
  StepOptions?: StepOptions;
  /** Options for wait operations. */
  WaitOptions?: WaitOptions;
  CallbackOptions?: CallbackOptions;
  ChainedInvokeOptions?: ChainedInvokeOptions;
}

export type PackageType = 'Zip' | 'Image';
export const PackageTypeValues = ['Zip', 'Image'] as const;

/** Error shape. The permissions policy for the resource is too large. For more information, see Lambda quotas. */
export interface PolicyLengthExceededException {
  Type?: string;
  message?: string;
}

/** Error shape. The RevisionId provided does not match the latest RevisionId for the Lambda function or alias. */
export interface PreconditionFailedException {
  /** The exception type. */
  Type?: string;
  /** The exception message. */
  message?: string;
}

/** Configuration for tag propagation to managed resources launched by the capacity provider. */
export interface PropagateTags {
  /** The tag propagation mode. Set to Explicit to propagate the tags specified in ExplicitTags to managed resources. Set to None to disable tag propagation. */
  Mode?: PropagateTagsMode;
  /** A list of tags to apply to managed resources when Mode is set to Explicit. You can specify up to 40 tags. */
  ExplicitTags?: Record<string, string>;
}

export type PropagateTagsMode = 'None' | 'Explicit';
export const PropagateTagsModeValues = ['None', 'Explicit'] as const;

/** Details about the provisioned concurrency configuration for a function alias or version. */
export interface ProvisionedConcurrencyConfigListItem {
  /** The Amazon Resource Name (ARN) of the alias or version. */
  FunctionArn?: string;
  /** The amount of provisioned concurrency requested. */
  RequestedProvisionedConcurrentExecutions?: number;
  /** The amount of provisioned concurrency available. */
  AvailableProvisionedConcurrentExecutions?: number;
  /** The amount of provisioned concurrency allocated. */
  AllocatedProvisionedConcurrentExecutions?: number;
  /** The status of the allocation process. */
  Status?: ProvisionedConcurrencyStatusEnum;
  /** For failed allocations, the reason that provisioned concurrency could not be allocated. */
  StatusReason?: string;
  /** The date and time that a user last updated the configuration, in ISO 8601 format. */
  LastModified?: string;
}

/** Error shape. The specified configuration does not exist. */
export interface ProvisionedConcurrencyConfigNotFoundException {
  Type?: string;
  message?: string;
}

export type ProvisionedConcurrencyStatusEnum = 'IN_PROGRESS' | 'READY' | 'FAILED';
export const ProvisionedConcurrencyStatusEnumValues = ['IN_PROGRESS', 'READY', 'FAILED'] as const;

/** The provisioned mode configuration for the event source. */
export interface ProvisionedPollerConfig {
  /** The minimum number of event pollers this event source can scale down to. */
  MinimumPollers?: number;
  /** The maximum number of event pollers this event source can scale up to. */
  MaximumPollers?: number;
  /** (Amazon MSK and self-managed Apache Kafka) The name of the provisioned poller group. */
  PollerGroupName?: string;
}

/** Error shape. The resource-based policy you tried to add to the Lambda function would grant public access to it, and your account's BlockPublicAccess setting prevents… */
export interface PublicPolicyException {
  /** The exception type. */
  Type?: string;
  /** The exception message. */
  Message?: string;
}

export interface PublishLayerVersionRequest {
  /** The name or Amazon Resource Name (ARN) of the layer. */
  LayerName: string;
  /** The description of the version. */
  Description?: string;
  /** The function layer archive. */
  Content: LayerVersionContentInput;
  /** A list of compatible instruction set architectures. */
  CompatibleArchitectures?: Architecture[];
  /** A list of compatible function runtimes. Used for filtering with ListLayers and ListLayerVersions. */
  CompatibleRuntimes?: Runtime[];
  /** The layer's software license. It can be any of the following: */
  LicenseInfo?: string;
}

export interface PublishLayerVersionResponse {
  /** Details about the layer version. */
  Content?: LayerVersionContentOutput;
  /** The ARN of the layer. */
  LayerArn?: string;
  /** The ARN of the layer version. */
  LayerVersionArn?: string;
  /** The description of the version. */
  Description?: string;
  /** The date that the layer version was created, in ISO-8601 format (YYYY-MM-DDThh:mm:ss.sTZD). */
  CreatedDate?: string;
  /** The version number. */
  Version?: number;
  /** A list of compatible instruction set architectures. */
  CompatibleArchitectures?: Architecture[];
  /** The layer's compatible runtimes. */
  CompatibleRuntimes?: Runtime[];
  /** The layer's software license. */
  LicenseInfo?: string;
}

export interface PublishVersionRequest {
  /** The name or ARN of the Lambda function. */
  FunctionName: string;
  /** Only publish a version if the hash value matches the value that's specified. */
  CodeSha256?: string;
  /** A description for the version to override the description in the function configuration. */
  Description?: string;
  /** Only update the function if the revision ID matches the ID that's specified. */
  RevisionId?: string;
  /** Specifies where to publish the function version or configuration. */
  PublishTo?: FunctionVersionLatestPublished;
}

export interface PutFunctionCodeSigningConfigRequest {
  /** The The Amazon Resource Name (ARN) of the code signing configuration. */
  CodeSigningConfigArn: string;
  /** The name or ARN of the Lambda function. */
  FunctionName: string;
}

export interface PutFunctionCodeSigningConfigResponse {
  /** The The Amazon Resource Name (ARN) of the code signing configuration. */
  CodeSigningConfigArn: string;
  /** The name or ARN of the Lambda function. */
  FunctionName: string;
}

export interface PutFunctionConcurrencyRequest {
  /** The name or ARN of the Lambda function. */
  FunctionName: string;
  /** The number of simultaneous executions to reserve for the function. */
  ReservedConcurrentExecutions: number;
}

export interface PutFunctionEventInvokeConfigRequest {
  /** The name or ARN of the Lambda function, version, or alias. */
  FunctionName: string;
  /** A version number or alias name. */
  Qualifier?: string;
  /** The maximum number of times to retry when the function returns an error. */
  MaximumRetryAttempts?: number;
  /** The maximum age of a request that Lambda sends to a function for processing. */
  MaximumEventAgeInSeconds?: number;
  /** A destination for events after they have been sent to a function for processing. */
  DestinationConfig?: DestinationConfig;
}

export interface PutFunctionRecursionConfigRequest {
  /** The name or ARN of the Lambda function. */
  FunctionName: string;
  /** If you set your function's recursive loop detection configuration to Allow, Lambda doesn't take any action when it detects your function being invoked as part… */
  RecursiveLoop: RecursiveLoop;
}

export interface PutFunctionRecursionConfigResponse {
  /** The status of your function's recursive loop detection configuration. */
  RecursiveLoop?: RecursiveLoop;
}

export interface PutFunctionScalingConfigRequest {
  /** The name or ARN of the Lambda function. */
  FunctionName: string;
  /** Specify a version or alias to set the scaling configuration for a published version of the function. */
  Qualifier: string;
  /** The scaling configuration to apply to the function, including minimum and maximum execution environment limits. */
  FunctionScalingConfig?: FunctionScalingConfig;
}

export interface PutFunctionScalingConfigResponse {
  /** The current state of the function after applying the scaling configuration. */
  FunctionState?: State;
}

export interface PutProvisionedConcurrencyConfigRequest {
  /** The name or ARN of the Lambda function. */
  FunctionName: string;
  /** The version number or alias name. */
  Qualifier: string;
  /** The amount of provisioned concurrency to allocate for the version or alias. */
  ProvisionedConcurrentExecutions: number;
}

export interface PutProvisionedConcurrencyConfigResponse {
  /** The amount of provisioned concurrency requested. */
  RequestedProvisionedConcurrentExecutions?: number;
  /** The amount of provisioned concurrency allocated. */
  AllocatedProvisionedConcurrentExecutions?: number;
  /** The amount of provisioned concurrency available. */
  AvailableProvisionedConcurrentExecutions?: number;
  /** The status of the allocation process. */
  Status?: ProvisionedConcurrencyStatusEnum;
  /** For failed allocations, the reason that provisioned concurrency could not be allocated. */
  StatusReason?: string;
  /** The date and time that a user last updated the configuration, in ISO 8601 format. */
  LastModified?: string;
}

export interface PutRuntimeManagementConfigRequest {
  /** The name or ARN of the Lambda function. */
  FunctionName: string;
  /** Specify a version of the function. */
  Qualifier?: string;
  /** Specify the runtime update mode. */
  UpdateRuntimeOn: UpdateRuntimeOn;
  /** The ARN of the runtime version you want the function to use. */
  RuntimeVersionArn?: string;
}

export interface PutRuntimeManagementConfigResponse {
  /** The runtime update mode. */
  UpdateRuntimeOn: UpdateRuntimeOn;
  /** The ARN of the function */
  FunctionArn: string;
  /** The ARN of the runtime the function is configured to use. If the runtime update mode is manual, the ARN is returned, otherwise null is returned. */
  RuntimeVersionArn?: string;
}

/** Error shape. Lambda has detected your function being invoked in a recursive loop with other Amazon Web Services resources and stopped your function's invocation. */
export interface RecursiveInvocationException {
  /** The exception type. */
  Type?: string;
  /** The exception message. */
  Message?: string;
}

export type RecursiveLoop = 'Allow' | 'Terminate';
export const RecursiveLoopValues = ['Allow', 'Terminate'] as const;

export interface RemoveLayerVersionPermissionRequest {
  /** The name or Amazon Resource Name (ARN) of the layer. */
  LayerName: string;
  /** The version number. */
  VersionNumber: number;
  /** The identifier that was specified when the statement was added. */
  StatementId: string;
  /** Only update the policy if the revision ID matches the ID specified. Use this option to avoid modifying a policy that has changed since you last read it. */
  RevisionId?: string;
}

export interface RemovePermissionRequest {
  /** The name or ARN of the Lambda function, version, or alias. */
  FunctionName: string;
  /** Statement ID of the permission to remove. */
  StatementId: string;
  /** Specify a version or alias to remove permissions from a published version of the function. */
  Qualifier?: string;
  /** Update the policy only if the revision ID matches the ID that's specified. Use this option to avoid modifying a policy that has changed since you last read it. */
  RevisionId?: string;
}

/** Error shape. The request payload exceeded the Invoke request body JSON input quota. For more information, see Lambda quotas. */
export interface RequestTooLargeException {
  Type?: string;
  message?: string;
}

/** Details about the resolved Amazon S3 object that contains a function's deployment package. */
export interface ResolvedS3Object {
  /** The Amazon S3 bucket that contains the deployment package. */
  S3Bucket?: string;
  /** The Amazon S3 key of the deployment package. */
  S3Key?: string;
  /** The version of the deployment package object. */
  S3ObjectVersion?: string;
}

/** Error shape. The resource already exists, or another operation is in progress. */
export interface ResourceConflictException {
  /** The exception type. */
  Type?: string;
  /** The exception message. */
  message?: string;
}

/** Error shape. The operation conflicts with the resource's availability. */
export interface ResourceInUseException {
  Type?: string;
  Message?: string;
}

/** Error shape. The resource specified in the request does not exist. */
export interface ResourceNotFoundException {
  Type?: string;
  Message?: string;
}

/** Error shape. The function is inactive and its VPC connection is no longer available. Wait for the VPC connection to reestablish and try again. */
export interface ResourceNotReadyException {
  /** The exception type. */
  Type?: string;
  /** The exception message. */
  message?: string;
}

export type ResponseStreamingInvocationType = 'RequestResponse' | 'DryRun';
export const ResponseStreamingInvocationTypeValues = ['RequestResponse', 'DryRun'] as const;

/** Information about retry attempts for an operation. */
export interface RetryDetails {
  /** The current attempt number for this operation. */
  CurrentAttempt?: number;
  /** The delay before the next retry attempt, in seconds. */
  NextAttemptDelaySeconds?: number;
}

export type Runtime =
  | 'nodejs'
  | 'nodejs4.3'
  | 'nodejs6.10'
  | 'nodejs8.10'
  | 'nodejs10.x'
  | 'nodejs12.x'
  | 'nodejs14.x'
  | 'nodejs16.x'
  | 'nodejs18.x'
  | 'nodejs20.x'
  | 'nodejs22.x'
  | 'nodejs24.x'
  | 'java8'
  | 'java8.al2'
  | 'java11'
  | 'java17'
  | 'java21'
  | 'java25'
  | 'python2.7'
  | 'python3.6'
  | 'python3.7'
  | 'python3.8'
  | 'python3.9'
  | 'python3.10'
  | 'python3.11'
  | 'python3.12'
  | 'python3.13'
  | 'python3.14'
  | 'dotnetcore1.0'
  | 'dotnetcore2.0'
  | 'dotnetcore2.1'
  | 'dotnetcore3.1'
  | 'dotnet6'
  | 'dotnet8'
  | 'dotnet10'
  | 'nodejs4.3-edge'
  | 'go1.x'
  | 'ruby2.5'
  | 'ruby2.7'
  | 'ruby3.2'
  | 'ruby3.3'
  | 'ruby3.4'
  | 'ruby4.0'
  | 'provided'
  | 'provided.al2'
  | 'provided.al2023'
  | 'nodejs26.x'
  | 'python3.15'
  | 'java8.al2023'
  | 'java11.al2023'
  | 'java17.al2023';
export const RuntimeValues = [
  'nodejs',
  'nodejs4.3',
  'nodejs6.10',
  'nodejs8.10',
  'nodejs10.x',
  'nodejs12.x',
  'nodejs14.x',
  'nodejs16.x',
  'nodejs18.x',
  'nodejs20.x',
  'nodejs22.x',
  'nodejs24.x',
  'java8',
  'java8.al2',
  'java11',
  'java17',
  'java21',
  'java25',
  'python2.7',
  'python3.6',
  'python3.7',
  'python3.8',
  'python3.9',
  'python3.10',
  'python3.11',
  'python3.12',
  'python3.13',
  'python3.14',
  'dotnetcore1.0',
  'dotnetcore2.0',
  'dotnetcore2.1',
  'dotnetcore3.1',
  'dotnet6',
  'dotnet8',
  'dotnet10',
  'nodejs4.3-edge',
  'go1.x',
  'ruby2.5',
  'ruby2.7',
  'ruby3.2',
  'ruby3.3',
  'ruby3.4',
  'ruby4.0',
  'provided',
  'provided.al2',
  'provided.al2023',
  'nodejs26.x',
  'python3.15',
  'java8.al2023',
  'java11.al2023',
  'java17.al2023',
] as const;

/** The ARN of the runtime and any errors that occured. */
export interface RuntimeVersionConfig {
  /** The ARN of the runtime version you want the function to use. */
  RuntimeVersionArn?: string;
  /** Error response when Lambda is unable to retrieve the runtime version for a function. */
  Error?: RuntimeVersionError;
}

/** Any error returned when the runtime version information for the function could not be retrieved. */
export interface RuntimeVersionError {
  /** The error code. */
  ErrorCode?: string;
  /** The error message. */
  Message?: string;
}

/** Error shape. The Lambda function couldn't make a network connection to the configured S3 Files access point. */
export interface S3FilesMountConnectivityException {
  /** The exception type. */
  Type?: string;
  /** The exception message. */
  Message?: string;
}

/** Error shape. The Lambda function couldn't mount the configured S3 Files access point due to a permission or configuration issue. */
export interface S3FilesMountFailureException {
  /** The exception type. */
  Type?: string;
  /** The exception message. */
  Message?: string;
}

/** Error shape. The Lambda function made a network connection to the configured S3 Files access point, but the mount operation timed out. */
export interface S3FilesMountTimeoutException {
  /** The exception type. */
  Type?: string;
  /** The exception message. */
  Message?: string;
}

/** The method Lambda uses to store a function's deployment package — either by copying the package into Lambda-managed storage (COPY) or by referencing it… */
export type S3ObjectStorageMode = 'COPY' | 'REFERENCE';
export const S3ObjectStorageModeValues = ['COPY', 'REFERENCE'] as const;

/** (Amazon SQS only) The scaling configuration for the event source. To remove the configuration, pass an empty value. */
export interface ScalingConfig {
  /** Limits the number of concurrent instances that the Amazon SQS event source can invoke. */
  MaximumConcurrency?: number;
}

export type SchemaRegistryEventRecordFormat = 'JSON' | 'SOURCE';
export const SchemaRegistryEventRecordFormatValues = ['JSON', 'SOURCE'] as const;

/** The self-managed Apache Kafka cluster for your event source. */
export interface SelfManagedEventSource {
  /** The list of bootstrap servers for your Kafka brokers in the following format: "KAFKA_BOOTSTRAP_SERVERS": ["abc.xyz.com:xxxx","abc2.xyz.com:xxxx"]. */
  Endpoints?: Record<string, string[]>;
}

/** Specific configuration settings for a self-managed Apache Kafka event source. */
export interface SelfManagedKafkaEventSourceConfig {
  /** The identifier for the Kafka consumer group to join. */
  ConsumerGroupId?: string;
  /** Specific configuration settings for a Kafka schema registry. */
  SchemaRegistryConfig?: KafkaSchemaRegistryConfig;
}

export interface SendDurableExecutionCallbackFailureRequest {
  /** The unique identifier for the callback operation. */
  CallbackId: string;
  /** Error details describing why the callback operation failed. */
  Error?: ErrorObject;
}

export interface SendDurableExecutionCallbackFailureResponse {}

export interface SendDurableExecutionCallbackHeartbeatRequest {
  /** The unique identifier for the callback operation. */
  CallbackId: string;
}

export interface SendDurableExecutionCallbackHeartbeatResponse {}

export interface SendDurableExecutionCallbackSuccessRequest {
  /** The unique identifier for the callback operation. */
  CallbackId: string;
  /** The result data from the successful callback operation. Maximum size is 256 KB. */
  Result?: Buffer;
}

export interface SendDurableExecutionCallbackSuccessResponse {}

/** Error shape. The request payload exceeded the maximum allowed size for serialized request entities. */
export interface SerializedRequestEntityTooLargeException {
  /** The error type. */
  Type?: string;
  message?: string;
}

/** Error shape. The Lambda service encountered an internal error. */
export interface ServiceException {
  Type?: string;
  Message?: string;
}

/** Error shape. The request would exceed a service quota. */
export interface ServiceQuotaExceededException {
  /** The exception type. */
  Type?: string;
  /** The exception message. */
  Message?: string;
}

/** The function's Lambda SnapStart setting. */
export interface SnapStart {
  /** Set to PublishedVersions to create a snapshot of the initialized execution environment when you publish a function version. */
  ApplyOn?: SnapStartApplyOn;
}

export type SnapStartApplyOn = 'PublishedVersions' | 'None';
export const SnapStartApplyOnValues = ['PublishedVersions', 'None'] as const;

/** Error shape. The afterRestore() runtime hook encountered an error. For more information, check the Amazon CloudWatch logs. */
export interface SnapStartException {
  Type?: string;
  Message?: string;
}

/** Error shape. Lambda is initializing your function. You can invoke the function when the function state becomes Active. */
export interface SnapStartNotReadyException {
  Type?: string;
  Message?: string;
}

export type SnapStartOptimizationStatus = 'On' | 'Off';
export const SnapStartOptimizationStatusValues = ['On', 'Off'] as const;

/** Error shape. Lambda couldn't regenerate the SnapStart snapshot for the function. */
export interface SnapStartRegenerationFailureException {
  /** The exception type. */
  Type?: string;
  /** The exception message. */
  Message?: string;
}

/** The function's SnapStart setting. */
export interface SnapStartResponse {
  /** When set to PublishedVersions, Lambda creates a snapshot of the execution environment when you publish a function version. */
  ApplyOn?: SnapStartApplyOn;
  /** When you provide a qualified Amazon Resource Name (ARN), this response element indicates whether SnapStart is activated for the specified function version. */
  OptimizationStatus?: SnapStartOptimizationStatus;
}

/** Error shape. Lambda couldn't restore the snapshot within the timeout limit. */
export interface SnapStartTimeoutException {
  Type?: string;
  Message?: string;
}

/** To secure and define access to your event source, you can specify the authentication protocol, VPC components, or virtual host. */
export interface SourceAccessConfiguration {
  /** The type of authentication protocol, VPC components, or virtual host for your event source. For example: "Type":"SASL_SCRAM_512_AUTH". */
  Type?: SourceAccessType;
  /** The value for your chosen configuration in Type. For example: "URI": "arn:aws:secretsmanager:us-east-1:01234567890:secret:MyBrokerSecretName". */
  URI?: string;
}

export type SourceAccessType =
  | 'BASIC_AUTH'
  | 'VPC_SUBNET'
  | 'VPC_SECURITY_GROUP'
  | 'SASL_SCRAM_512_AUTH'
  | 'SASL_SCRAM_256_AUTH'
  | 'VIRTUAL_HOST'
  | 'CLIENT_CERTIFICATE_TLS_AUTH'
  | 'SERVER_ROOT_CA_CERTIFICATE';
export const SourceAccessTypeValues = [
  'BASIC_AUTH',
  'VPC_SUBNET',
  'VPC_SECURITY_GROUP',
  'SASL_SCRAM_512_AUTH',
  'SASL_SCRAM_256_AUTH',
  'VIRTUAL_HOST',
  'CLIENT_CERTIFICATE_TLS_AUTH',
  'SERVER_ROOT_CA_CERTIFICATE',
] as const;

export type State =
  | 'Pending'
  | 'Active'
  | 'Inactive'
  | 'Failed'
  | 'Deactivating'
  | 'Deactivated'
  | 'ActiveNonInvocable'
  | 'Deleting';
export const StateValues = [
  'Pending',
  'Active',
  'Inactive',
  'Failed',
  'Deactivating',
  'Deactivated',
  'ActiveNonInvocable',
  'Deleting',
] as const;

export type StateReasonCode =
  | 'Idle'
  | 'Creating'
  | 'Restoring'
  | 'EniLimitExceeded'
  | 'InsufficientRolePermissions'
  | 'InvalidConfiguration'
  | 'InternalError'
  | 'SubnetOutOfIPAddresses'
  | 'InvalidSubnet'
  | 'InvalidSecurityGroup'
  | 'ImageDeleted'
  | 'ImageAccessDenied'
  | 'InvalidImage'
  | 'KMSKeyAccessDenied'
  | 'KMSKeyNotFound'
  | 'InvalidStateKMSKey'
  | 'DisabledKMSKey'
  | 'EFSIOError'
  | 'EFSMountConnectivityError'
  | 'EFSMountFailure'
  | 'EFSMountTimeout'
  | 'InvalidRuntime'
  | 'InvalidZipFileException'
  | 'FunctionError'
  | 'ServiceQuotaExceededException'
  | 'VcpuLimitExceeded'
  | 'CapacityProviderScalingLimitExceeded'
  | 'InsufficientCapacity'
  | 'EC2RequestLimitExceeded'
  | 'FunctionError.InitTimeout'
  | 'FunctionError.RuntimeInitError'
  | 'FunctionError.ExtensionInitError'
  | 'FunctionError.InvalidEntryPoint'
  | 'FunctionError.InvalidWorkingDirectory'
  | 'FunctionError.PermissionDenied'
  | 'FunctionError.TooManyExtensions'
  | 'FunctionError.InitResourceExhausted'
  | 'DisallowedByVpcEncryptionControl'
  | 'DrainingDurableExecutions'
  | 'DependencyError';
export const StateReasonCodeValues = [
  'Idle',
  'Creating',
  'Restoring',
  'EniLimitExceeded',
  'InsufficientRolePermissions',
  'InvalidConfiguration',
  'InternalError',
  'SubnetOutOfIPAddresses',
  'InvalidSubnet',
  'InvalidSecurityGroup',
  'ImageDeleted',
  'ImageAccessDenied',
  'InvalidImage',
  'KMSKeyAccessDenied',
  'KMSKeyNotFound',
  'InvalidStateKMSKey',
  'DisabledKMSKey',
  'EFSIOError',
  'EFSMountConnectivityError',
  'EFSMountFailure',
  'EFSMountTimeout',
  'InvalidRuntime',
  'InvalidZipFileException',
  'FunctionError',
  'ServiceQuotaExceededException',
  'VcpuLimitExceeded',
  'CapacityProviderScalingLimitExceeded',
  'InsufficientCapacity',
  'EC2RequestLimitExceeded',
  'FunctionError.InitTimeout',
  'FunctionError.RuntimeInitError',
  'FunctionError.ExtensionInitError',
  'FunctionError.InvalidEntryPoint',
  'FunctionError.InvalidWorkingDirectory',
  'FunctionError.PermissionDenied',
  'FunctionError.TooManyExtensions',
  'FunctionError.InitResourceExhausted',
  'DisallowedByVpcEncryptionControl',
  'DrainingDurableExecutions',
  'DependencyError',
] as const;

/** Details about a step operation. */
export interface StepDetails {
  /** The current attempt number for this step. */
  Attempt?: number;
  /** The date and time when the next attempt is scheduled, in ISO-8601 format (YYYY-MM-DDThh:mm:ss.sTZD). Only populated when the step is in a pending state. */
  NextAttemptTimestamp?: Date;
  /** The JSON response payload from the step operation. */
  Result?: string;
  /** Details about the step failure. */
  Error?: ErrorObject;
}

/** Details about a step that failed. */
export interface StepFailedDetails {
  /** Details about the step failure. */
  Error: EventError;
  /** Information about retry attempts for this step operation. */
  RetryDetails: RetryDetails;
}

/** Configuration options for a step operation. */
export interface StepOptions {
  /** The delay in seconds before the next retry attempt. */
  NextAttemptDelaySeconds?: number;
}

/** Details about a step that has started. */
export interface StepStartedDetails {}

/** Details about a step that succeeded. */
export interface StepSucceededDetails {
  /** The response payload from the successful operation. */
  Result: EventResult;
  /** Information about retry attempts for this step operation. */
  RetryDetails: RetryDetails;
}

export interface StopDurableExecutionRequest {
  /** The Amazon Resource Name (ARN) of the durable execution. */
  DurableExecutionArn: string;
  /** Optional error details explaining why the execution is being stopped. */
  Error?: ErrorObject;
}

export interface StopDurableExecutionResponse {
  /** The timestamp when the execution was stopped (ISO 8601 format). */
  StopTimestamp: Date;
}

/** Error shape. Lambda couldn't set up VPC access for the Lambda function because one or more configured subnets has no available IP addresses. */
export interface SubnetIPAddressLimitReachedException {
  Type?: string;
  Message?: string;
}

export type SystemLogLevel = 'DEBUG' | 'INFO' | 'WARN';
export const SystemLogLevelValues = ['DEBUG', 'INFO', 'WARN'] as const;

export interface TagResourceRequest {
  /** The resource's Amazon Resource Name (ARN). */
  Resource: string;
  /** A list of tags to apply to the resource. */
  Tags: Record<string, string>;
}

/** An object that contains details about an error related to retrieving tags. */
export interface TagsError {
  /** The error code. */
  ErrorCode: string;
  /** The error message. */
  Message: string;
}

/** A scaling policy for the capacity provider that automatically adjusts capacity to maintain a target value for a specific metric. */
export interface TargetTrackingScalingPolicy {
  /** The predefined metric type to track for scaling decisions. */
  PredefinedMetricType: CapacityProviderPredefinedMetricType;
  /** The target value for the metric that the scaling policy attempts to maintain through scaling actions. */
  TargetValue: number;
}

/** Specifies the tenant isolation mode configuration for a Lambda function. */
export interface TenancyConfig {
  /** Tenant isolation mode allows for invocation to be sent to a corresponding execution environment dedicated to a specific tenant ID. */
  TenantIsolationMode: TenantIsolationMode;
}

export type TenantIsolationMode = 'PER_TENANT';
export const TenantIsolationModeValues = ['PER_TENANT'] as const;

export type ThrottleReason =
  | 'ConcurrentInvocationLimitExceeded'
  | 'FunctionInvocationRateLimitExceeded'
  | 'ReservedFunctionConcurrentInvocationLimitExceeded'
  | 'ReservedFunctionInvocationRateLimitExceeded'
  | 'CallerRateLimitExceeded'
  | 'ConcurrentSnapshotCreateLimitExceeded';
export const ThrottleReasonValues = [
  'ConcurrentInvocationLimitExceeded',
  'FunctionInvocationRateLimitExceeded',
  'ReservedFunctionConcurrentInvocationLimitExceeded',
  'ReservedFunctionInvocationRateLimitExceeded',
  'CallerRateLimitExceeded',
  'ConcurrentSnapshotCreateLimitExceeded',
] as const;

/** Error shape. The request throughput limit was exceeded. For more information, see Lambda quotas. */
export interface TooManyRequestsException {
  /** The number of seconds the caller should wait before retrying. */
  retryAfterSeconds?: string;
  Type?: string;
  message?: string;
  Reason?: ThrottleReason;
}

/** Contains trace headers for the Lambda durable execution. */
export interface TraceHeader {
  /** The X-Ray trace header associated with the durable execution. */
  XAmznTraceId?: string;
}

/** The function's X-Ray tracing configuration. To sample and record incoming requests, set Mode to Active. */
export interface TracingConfig {
  /** The tracing mode. */
  Mode?: TracingMode;
}

/** The function's X-Ray tracing configuration. */
export interface TracingConfigResponse {
  /** The tracing mode. */
  Mode?: TracingMode;
}

export type TracingMode = 'Active' | 'PassThrough';
export const TracingModeValues = ['Active', 'PassThrough'] as const;

/** Error shape. The content type of the Invoke request body is not JSON. */
export interface UnsupportedMediaTypeException {
  Type?: string;
  message?: string;
}

export interface UntagResourceRequest {
  /** The resource's Amazon Resource Name (ARN). */
  Resource: string;
  /** A list of tag keys to remove from the resource. */
  TagKeys: string[];
}

export interface UpdateAliasRequest {
  /** The name or ARN of the Lambda function. */
  FunctionName: string;
  /** The name of the alias. */
  Name: string;
  /** The function version that the alias invokes. */
  FunctionVersion?: string;
  /** A description of the alias. */
  Description?: string;
  /** The routing configuration of the alias. */
  RoutingConfig?: AliasRoutingConfiguration;
  /** Only update the alias if the revision ID matches the ID that's specified. Use this option to avoid modifying an alias that has changed since you last read it. */
  RevisionId?: string;
}

export interface UpdateCapacityProviderRequest {
  /** The name of the capacity provider to update. */
  CapacityProviderName: string;
  /** The updated scaling configuration for the capacity provider. */
  CapacityProviderScalingConfig?: CapacityProviderScalingConfig;
  PropagateTags?: PropagateTags;
  /** The updated telemetry configuration for the capacity provider. */
  TelemetryConfig?: CapacityProviderTelemetryConfig;
}

export interface UpdateCapacityProviderResponse {
  /** Information about the updated capacity provider. */
  CapacityProvider: CapacityProvider;
}

export interface UpdateCodeSigningConfigRequest {
  /** The The Amazon Resource Name (ARN) of the code signing configuration. */
  CodeSigningConfigArn: string;
  /** Descriptive name for this code signing configuration. */
  Description?: string;
  /** Signing profiles for this code signing configuration. */
  AllowedPublishers?: AllowedPublishers;
  /** The code signing policy. */
  CodeSigningPolicies?: CodeSigningPolicies;
}

export interface UpdateCodeSigningConfigResponse {
  /** The code signing configuration */
  CodeSigningConfig: CodeSigningConfig;
}

export interface UpdateEventSourceMappingRequest {
  /** The identifier of the event source mapping. */
  UUID: string;
  /** The name or ARN of the Lambda function. */
  FunctionName?: string;
  /** When true, the event source mapping is active. When false, Lambda pauses polling and invocation. */
  Enabled?: boolean;
  /** The maximum number of records in each batch that Lambda pulls from your stream or queue and sends to your function. */
  BatchSize?: number;
  /** An object that defines the filter criteria that determine whether Lambda should process an event. For more information, see Lambda event filtering. */
  FilterCriteria?: FilterCriteria;
  /** The ARN of the Key Management Service (KMS) customer managed key that Lambda uses to encrypt your function's filter criteria. */
  KMSKeyArn?: string;
  /** The metrics configuration for your event source. For more information, see Event source mapping metrics. */
  MetricsConfig?: EventSourceMappingMetricsConfig;
  LoggingConfig?: EventSourceMappingLoggingConfig;
  /** (Amazon SQS only) The scaling configuration for the event source. For more information, see Configuring maximum concurrency for Amazon SQS event sources. */
  ScalingConfig?: ScalingConfig;
  /** The maximum amount of time, in seconds, that Lambda spends gathering records before invoking the function. */
  MaximumBatchingWindowInSeconds?: number;
  /** (Kinesis and DynamoDB Streams only) The number of batches to process from each shard concurrently. */
  ParallelizationFactor?: number;
  /** (Kinesis, DynamoDB Streams, Amazon MSK, and self-managed Apache Kafka) A configuration object that specifies the destination of an event after Lambda… */
  DestinationConfig?: DestinationConfig;
  /** (Kinesis, DynamoDB Streams, Amazon MSK, and self-managed Apache Kafka) Discard records older than the specified age. The default value is infinite (-1). */
  MaximumRecordAgeInSeconds?: number;
  /** (Kinesis, DynamoDB Streams, Amazon MSK, and self-managed Apache Kafka) If the function returns an error, split the batch in two and retry. */
  BisectBatchOnFunctionError?: boolean;
  /** (Kinesis, DynamoDB Streams, Amazon MSK, and self-managed Apache Kafka) Discard records after the specified number of retries. */
  MaximumRetryAttempts?: number;
  /** (Kinesis and DynamoDB Streams only) The duration in seconds of a processing window for DynamoDB and Kinesis Streams event sources. */
  TumblingWindowInSeconds?: number;
  /** An array of authentication protocols or VPC components required to secure your event source. */
  SourceAccessConfigurations?: SourceAccessConfiguration[];
  /** (Kinesis, DynamoDB Streams, Amazon MSK, self-managed Apache Kafka, and Amazon SQS) A list of current response type enums applied to the event source mapping. */
  FunctionResponseTypes?: FunctionResponseType[];
  AmazonManagedKafkaEventSourceConfig?: AmazonManagedKafkaEventSourceConfig;
  SelfManagedKafkaEventSourceConfig?: SelfManagedKafkaEventSourceConfig;
  /** Specific configuration settings for a DocumentDB event source. */
  DocumentDBEventSourceConfig?: DocumentDBEventSourceConfig;
  /** (Amazon SQS, Amazon MSK, and self-managed Apache Kafka only) The provisioned mode configuration for the event source. */
  ProvisionedPollerConfig?: ProvisionedPollerConfig;
}

export interface UpdateFunctionCodeRequest {
  /** The name or ARN of the Lambda function. */
  FunctionName: string;
  /** The base64-encoded contents of the deployment package. */
  ZipFile?: Buffer;
  /** An Amazon S3 bucket in the same Amazon Web Services Region as your function. */
  S3Bucket?: string;
  /** The Amazon S3 key of the deployment package. Use only with a function defined with a .zip file archive deployment package. */
  S3Key?: string;
  /** For versioned objects, the version of the deployment package object to use. */
  S3ObjectVersion?: string;
  /** Specifies how the deployment package is stored. Valid values: */
  S3ObjectStorageMode?: S3ObjectStorageMode;
  /** URI of a container image in the Amazon ECR registry. Do not use for a function defined with a .zip file archive. */
  ImageUri?: string;
  /** The instruction set architecture that the function supports. Enter a string array with one of the valid values (arm64 or x86_64). The default value is x86_64. */
  Architectures?: Architecture[];
  /** Set to true to publish a new version of the function after updating the code. This has the same effect as calling PublishVersion separately. */
  Publish?: boolean;
  /** Specifies where to publish the function version or configuration. */
  PublishTo?: FunctionVersionLatestPublished;
  /** Set to true to validate the request parameters and access permissions without modifying the function code. */
  DryRun?: boolean;
  /** Update the function only if the revision ID matches the ID that's specified. */
  RevisionId?: string;
  /** The ARN of the Key Management Service (KMS) customer managed key that's used to encrypt your function's .zip deployment package. */
  SourceKMSKeyArn?: string;
}

export interface UpdateFunctionConfigurationRequest {
  /** The name or ARN of the Lambda function. */
  FunctionName: string;
  /** The Amazon Resource Name (ARN) of the function's execution role. */
  Role?: string;
  /** The name of the method within your code that Lambda calls to run your function. */
  Handler?: string;
  /** A description of the function. */
  Description?: string;
  /** The amount of time (in seconds) that Lambda allows a function to run before stopping it. */
  Timeout?: number;
  /** The amount of memory available to the function at runtime. */
  MemorySize?: number;
  /** For network connectivity to Amazon Web Services resources in a VPC, specify a list of security groups and subnets in the VPC. */
  VpcConfig?: VpcConfig;
  /** Environment variables that are accessible from function code during execution. */
  Environment?: Environment;
  /** The identifier of the function's runtime. */
  Runtime?: Runtime;
  /** A dead-letter queue configuration that specifies the queue or topic where Lambda sends asynchronous events when they fail processing. */
  DeadLetterConfig?: DeadLetterConfig;
  /** The ARN of the Key Management Service (KMS) customer managed key that's used to encrypt the following resources: */
  KMSKeyArn?: string;
  /** Set Mode to Active to sample and trace a subset of incoming requests with X-Ray. */
  TracingConfig?: TracingConfig;
  /** Update the function only if the revision ID matches the ID that's specified. */
  RevisionId?: string;
  /** A list of function layers to add to the function's execution environment. Specify each layer by its ARN, including the version. */
  Layers?: string[];
  /** Connection settings for an Amazon EFS file system or an Amazon S3 Files file system. */
  FileSystemConfigs?: FileSystemConfig[];
  /** Container image configuration values that override the values in the container image Docker file. */
  ImageConfig?: ImageConfig;
  /** The size of the function's /tmp directory in MB. */
  EphemeralStorage?: EphemeralStorage;
  /** The function's SnapStart setting. */
  SnapStart?: SnapStart;
  /** The function's Amazon CloudWatch Logs configuration settings. */
  LoggingConfig?: LoggingConfig;
  /** Configuration for the capacity provider that manages compute resources for Lambda functions. */
  CapacityProviderConfig?: CapacityProviderConfig;
  /** Configuration settings for durable functions, including execution timeout, retention period for execution history, and an optional ARN of the Key Management… */
  DurableConfig?: DurableConfig;
}

export interface UpdateFunctionEventInvokeConfigRequest {
  /** The name or ARN of the Lambda function, version, or alias. */
  FunctionName: string;
  /** A version number or alias name. */
  Qualifier?: string;
  /** The maximum number of times to retry when the function returns an error. */
  MaximumRetryAttempts?: number;
  /** The maximum age of a request that Lambda sends to a function for processing. */
  MaximumEventAgeInSeconds?: number;
  /** A destination for events after they have been sent to a function for processing. */
  DestinationConfig?: DestinationConfig;
}

export interface UpdateFunctionUrlConfigRequest {
  /** The name or ARN of the Lambda function. */
  FunctionName: string;
  /** The alias name. */
  Qualifier?: string;
  /** The type of authentication that your function URL uses. */
  AuthType?: FunctionUrlAuthType;
  /** The cross-origin resource sharing (CORS) settings for your function URL. */
  Cors?: Cors;
  /** Use one of the following options: */
  InvokeMode?: InvokeMode;
}

export interface UpdateFunctionUrlConfigResponse {
  /** The HTTP URL endpoint for your function. */
  FunctionUrl: string;
  /** The Amazon Resource Name (ARN) of your function. */
  FunctionArn: string;
  /** The type of authentication that your function URL uses. */
  AuthType: FunctionUrlAuthType;
  /** The cross-origin resource sharing (CORS) settings for your function URL. */
  Cors?: Cors;
  /** When the function URL was created, in ISO-8601 format (YYYY-MM-DDThh:mm:ss.sTZD). */
  CreationTime: string;
  /** When the function URL configuration was last updated, in ISO-8601 format (YYYY-MM-DDThh:mm:ss.sTZD). */
  LastModifiedTime: string;
  /** Use one of the following options: */
  InvokeMode?: InvokeMode;
}

export type UpdateRuntimeOn = 'Auto' | 'Manual' | 'FunctionUpdate';
export const UpdateRuntimeOnValues = ['Auto', 'Manual', 'FunctionUpdate'] as const;

/** The VPC security groups and subnets that are attached to a Lambda function. */
export interface VpcConfig {
  /** A list of VPC subnet IDs. */
  SubnetIds?: string[];
  /** A list of VPC security group IDs. */
  SecurityGroupIds?: string[];
  /** Allows outbound IPv6 traffic on VPC functions that are connected to dual-stack subnets. */
  Ipv6AllowedForDualStack?: boolean;
}

/** The VPC security groups and subnets that are attached to a Lambda function. */
export interface VpcConfigResponse {
  /** A list of VPC subnet IDs. */
  SubnetIds?: string[];
  /** A list of VPC security group IDs. */
  SecurityGroupIds?: string[];
  /** The ID of the VPC. */
  VpcId?: string;
  /** Allows outbound IPv6 traffic on VPC functions that are connected to dual-stack subnets. */
  Ipv6AllowedForDualStack?: boolean;
}

/** Details about a wait operation that was cancelled. */
export interface WaitCancelledDetails {
  /** Details about why the wait operation was cancelled. */
  Error?: EventError;
}

/** Details about a wait operation. */
export interface WaitDetails {
  /** The date and time when the wait operation is scheduled to complete, in ISO-8601 format (YYYY-MM-DDThh:mm:ss.sTZD). */
  ScheduledEndTimestamp?: Date;
}

/** Specifies how long to pause the durable execution. */
export interface WaitOptions {
  /** The duration to wait, in seconds. */
  WaitSeconds?: number;
}

/** Details about a wait operation that has started. */
export interface WaitStartedDetails {
  /** The duration to wait, in seconds. */
  Duration: number;
  /** The date and time when the wait operation is scheduled to complete, in ISO-8601 format (YYYY-MM-DDThh:mm:ss.sTZD). */
  ScheduledEndTimestamp: Date;
}

/** Details about a wait operation that succeeded. */
export interface WaitSucceededDetails {
  /** The wait duration, in seconds. */
  Duration?: number;
}

/** The Lambda API operations in the model. */
export type OperationName =
  | 'AddLayerVersionPermission'
  | 'AddPermission'
  | 'CheckpointDurableExecution'
  | 'CreateAlias'
  | 'CreateCapacityProvider'
  | 'CreateCodeSigningConfig'
  | 'CreateEventSourceMapping'
  | 'CreateFunction'
  | 'CreateFunctionUrlConfig'
  | 'DeleteAlias'
  | 'DeleteCapacityProvider'
  | 'DeleteCodeSigningConfig'
  | 'DeleteEventSourceMapping'
  | 'DeleteFunction'
  | 'DeleteFunctionCodeSigningConfig'
  | 'DeleteFunctionConcurrency'
  | 'DeleteFunctionEventInvokeConfig'
  | 'DeleteFunctionUrlConfig'
  | 'DeleteLayerVersion'
  | 'DeleteProvisionedConcurrencyConfig'
  | 'GetAccountSettings'
  | 'GetAlias'
  | 'GetCapacityProvider'
  | 'GetCodeSigningConfig'
  | 'GetDurableExecution'
  | 'GetDurableExecutionHistory'
  | 'GetDurableExecutionState'
  | 'GetEventSourceMapping'
  | 'GetFunction'
  | 'GetFunctionCodeSigningConfig'
  | 'GetFunctionConcurrency'
  | 'GetFunctionConfiguration'
  | 'GetFunctionEventInvokeConfig'
  | 'GetFunctionRecursionConfig'
  | 'GetFunctionScalingConfig'
  | 'GetFunctionUrlConfig'
  | 'GetLayerVersion'
  | 'GetLayerVersionByArn'
  | 'GetLayerVersionPolicy'
  | 'GetPolicy'
  | 'GetProvisionedConcurrencyConfig'
  | 'GetRuntimeManagementConfig'
  | 'Invoke'
  | 'InvokeAsync'
  | 'InvokeWithResponseStream'
  | 'ListAliases'
  | 'ListCapacityProviders'
  | 'ListCodeSigningConfigs'
  | 'ListDurableExecutionsByFunction'
  | 'ListEventSourceMappings'
  | 'ListFunctionEventInvokeConfigs'
  | 'ListFunctionUrlConfigs'
  | 'ListFunctionVersionsByCapacityProvider'
  | 'ListFunctions'
  | 'ListFunctionsByCodeSigningConfig'
  | 'ListLayerVersions'
  | 'ListLayers'
  | 'ListProvisionedConcurrencyConfigs'
  | 'ListTags'
  | 'ListVersionsByFunction'
  | 'PublishLayerVersion'
  | 'PublishVersion'
  | 'PutFunctionCodeSigningConfig'
  | 'PutFunctionConcurrency'
  | 'PutFunctionEventInvokeConfig'
  | 'PutFunctionRecursionConfig'
  | 'PutFunctionScalingConfig'
  | 'PutProvisionedConcurrencyConfig'
  | 'PutRuntimeManagementConfig'
  | 'RemoveLayerVersionPermission'
  | 'RemovePermission'
  | 'SendDurableExecutionCallbackFailure'
  | 'SendDurableExecutionCallbackHeartbeat'
  | 'SendDurableExecutionCallbackSuccess'
  | 'StopDurableExecution'
  | 'TagResource'
  | 'UntagResource'
  | 'UpdateAlias'
  | 'UpdateCapacityProvider'
  | 'UpdateCodeSigningConfig'
  | 'UpdateEventSourceMapping'
  | 'UpdateFunctionCode'
  | 'UpdateFunctionConfiguration'
  | 'UpdateFunctionEventInvokeConfig'
  | 'UpdateFunctionUrlConfig';

/** Input and output type of each operation (`void`: the operation has no input / output shape). */
export interface Operations {
  /** Adds permissions to the resource-based policy of a version of an Lambda layer. */
  AddLayerVersionPermission: { input: AddLayerVersionPermissionRequest; output: AddLayerVersionPermissionResponse };
  /** Grants a principal permission to use a function. */
  AddPermission: { input: AddPermissionRequest; output: AddPermissionResponse };
  /** Saves the progress of a durable function execution during runtime. */
  CheckpointDurableExecution: { input: CheckpointDurableExecutionRequest; output: CheckpointDurableExecutionResponse };
  /** Creates an alias for a Lambda function version. Use aliases to provide clients with a function identifier that you can update to invoke a different version. */
  CreateAlias: { input: CreateAliasRequest; output: AliasConfiguration };
  /** Creates a capacity provider that manages compute resources for Lambda functions */
  CreateCapacityProvider: { input: CreateCapacityProviderRequest; output: CreateCapacityProviderResponse };
  /** Creates a code signing configuration. */
  CreateCodeSigningConfig: { input: CreateCodeSigningConfigRequest; output: CreateCodeSigningConfigResponse };
  /** Creates a mapping between an event source and an Lambda function. Lambda reads items from the event source and invokes the function. */
  CreateEventSourceMapping: { input: CreateEventSourceMappingRequest; output: EventSourceMappingConfiguration };
  /** Creates a Lambda function. */
  CreateFunction: { input: CreateFunctionRequest; output: FunctionConfiguration };
  /** Creates a Lambda function URL with the specified configuration parameters. */
  CreateFunctionUrlConfig: { input: CreateFunctionUrlConfigRequest; output: CreateFunctionUrlConfigResponse };
  /** Deletes a Lambda function alias. */
  DeleteAlias: { input: DeleteAliasRequest; output: void };
  /** Deletes a capacity provider. You cannot delete a capacity provider that is currently being used by Lambda functions. */
  DeleteCapacityProvider: { input: DeleteCapacityProviderRequest; output: DeleteCapacityProviderResponse };
  /** Deletes the code signing configuration. You can delete the code signing configuration only if no function is using it. */
  DeleteCodeSigningConfig: { input: DeleteCodeSigningConfigRequest; output: DeleteCodeSigningConfigResponse };
  /** Deletes an event source mapping. You can get the identifier of a mapping from the output of ListEventSourceMappings. */
  DeleteEventSourceMapping: { input: DeleteEventSourceMappingRequest; output: EventSourceMappingConfiguration };
  /** Deletes a Lambda function. */
  DeleteFunction: { input: DeleteFunctionRequest; output: DeleteFunctionResponse };
  /** Removes the code signing configuration from the function. */
  DeleteFunctionCodeSigningConfig: { input: DeleteFunctionCodeSigningConfigRequest; output: void };
  /** Removes a concurrent execution limit from a function. */
  DeleteFunctionConcurrency: { input: DeleteFunctionConcurrencyRequest; output: void };
  /** Deletes the configuration for asynchronous invocation for a function, version, or alias. */
  DeleteFunctionEventInvokeConfig: { input: DeleteFunctionEventInvokeConfigRequest; output: void };
  /** Deletes a Lambda function URL. When you delete a function URL, you can't recover it. Creating a new function URL results in a different URL address. */
  DeleteFunctionUrlConfig: { input: DeleteFunctionUrlConfigRequest; output: void };
  /** Deletes a version of an Lambda layer. */
  DeleteLayerVersion: { input: DeleteLayerVersionRequest; output: void };
  /** Deletes the provisioned concurrency configuration for a function. */
  DeleteProvisionedConcurrencyConfig: { input: DeleteProvisionedConcurrencyConfigRequest; output: void };
  /** Retrieves details about your account's limits and usage in an Amazon Web Services Region. */
  GetAccountSettings: { input: GetAccountSettingsRequest; output: GetAccountSettingsResponse };
  /** Returns details about a Lambda function alias. */
  GetAlias: { input: GetAliasRequest; output: AliasConfiguration };
  /** Retrieves information about a specific capacity provider, including its configuration, state, and associated resources. */
  GetCapacityProvider: { input: GetCapacityProviderRequest; output: GetCapacityProviderResponse };
  /** Returns information about the specified code signing configuration. */
  GetCodeSigningConfig: { input: GetCodeSigningConfigRequest; output: GetCodeSigningConfigResponse };
  /** Retrieves detailed information about a specific durable execution, including its current status, input payload, result or error information, and execution… */
  GetDurableExecution: { input: GetDurableExecutionRequest; output: GetDurableExecutionResponse };
  /** Retrieves the execution history for a durable execution, showing all the steps, callbacks, and events that occurred during the execution. */
  GetDurableExecutionHistory: { input: GetDurableExecutionHistoryRequest; output: GetDurableExecutionHistoryResponse };
  /** Retrieves the current execution state required for the replay process during durable function execution. */
  GetDurableExecutionState: { input: GetDurableExecutionStateRequest; output: GetDurableExecutionStateResponse };
  /** Returns details about an event source mapping. You can get the identifier of a mapping from the output of ListEventSourceMappings. */
  GetEventSourceMapping: { input: GetEventSourceMappingRequest; output: EventSourceMappingConfiguration };
  /** Returns information about the function or function version, with a link to download the deployment package that's valid for 10 minutes. */
  GetFunction: { input: GetFunctionRequest; output: GetFunctionResponse };
  /** Returns the code signing configuration for the specified function. */
  GetFunctionCodeSigningConfig: {
    input: GetFunctionCodeSigningConfigRequest;
    output: GetFunctionCodeSigningConfigResponse;
  };
  /** Returns details about the reserved concurrency configuration for a function. To set a concurrency limit for a function, use PutFunctionConcurrency. */
  GetFunctionConcurrency: { input: GetFunctionConcurrencyRequest; output: GetFunctionConcurrencyResponse };
  /** Returns the version-specific settings of a Lambda function or version. */
  GetFunctionConfiguration: { input: GetFunctionConfigurationRequest; output: FunctionConfiguration };
  /** Retrieves the configuration for asynchronous invocation for a function, version, or alias. */
  GetFunctionEventInvokeConfig: { input: GetFunctionEventInvokeConfigRequest; output: FunctionEventInvokeConfig };
  /** Returns your function's recursive loop detection configuration. */
  GetFunctionRecursionConfig: { input: GetFunctionRecursionConfigRequest; output: GetFunctionRecursionConfigResponse };
  /** Retrieves the scaling configuration for a Lambda Managed Instances function. */
  GetFunctionScalingConfig: { input: GetFunctionScalingConfigRequest; output: GetFunctionScalingConfigResponse };
  /** Returns details about a Lambda function URL. */
  GetFunctionUrlConfig: { input: GetFunctionUrlConfigRequest; output: GetFunctionUrlConfigResponse };
  /** Returns information about a version of an Lambda layer, with a link to download the layer archive that's valid for 10 minutes. */
  GetLayerVersion: { input: GetLayerVersionRequest; output: GetLayerVersionResponse };
  /** Returns information about a version of an Lambda layer, with a link to download the layer archive that's valid for 10 minutes. */
  GetLayerVersionByArn: { input: GetLayerVersionByArnRequest; output: GetLayerVersionResponse };
  /** Returns the permission policy for a version of an Lambda layer. For more information, see AddLayerVersionPermission. */
  GetLayerVersionPolicy: { input: GetLayerVersionPolicyRequest; output: GetLayerVersionPolicyResponse };
  /** Returns the resource-based IAM policy for a function, version, or alias. */
  GetPolicy: { input: GetPolicyRequest; output: GetPolicyResponse };
  /** Retrieves the provisioned concurrency configuration for a function's alias or version. */
  GetProvisionedConcurrencyConfig: {
    input: GetProvisionedConcurrencyConfigRequest;
    output: GetProvisionedConcurrencyConfigResponse;
  };
  /** Retrieves the runtime management configuration for a function's version. */
  GetRuntimeManagementConfig: { input: GetRuntimeManagementConfigRequest; output: GetRuntimeManagementConfigResponse };
  /** Invokes a Lambda function. */
  Invoke: { input: InvocationRequest; output: InvocationResponse };
  /** @deprecated For asynchronous function invocation, use Invoke. */
  InvokeAsync: { input: InvokeAsyncRequest; output: InvokeAsyncResponse };
  /** Configure your Lambda functions to stream response payloads back to clients. For more information, see Configuring a Lambda function to stream responses. */
  InvokeWithResponseStream: { input: InvokeWithResponseStreamRequest; output: InvokeWithResponseStreamResponse };
  /** Returns a list of aliases for a Lambda function. */
  ListAliases: { input: ListAliasesRequest; output: ListAliasesResponse };
  /** Returns a list of capacity providers in your account. */
  ListCapacityProviders: { input: ListCapacityProvidersRequest; output: ListCapacityProvidersResponse };
  /** Returns a list of code signing configurations. */
  ListCodeSigningConfigs: { input: ListCodeSigningConfigsRequest; output: ListCodeSigningConfigsResponse };
  /** Returns a list of durable executions for a specified Lambda function. */
  ListDurableExecutionsByFunction: {
    input: ListDurableExecutionsByFunctionRequest;
    output: ListDurableExecutionsByFunctionResponse;
  };
  /** Lists event source mappings. Specify an EventSourceArn to show only event source mappings for a single event source. */
  ListEventSourceMappings: { input: ListEventSourceMappingsRequest; output: ListEventSourceMappingsResponse };
  /** Retrieves a list of configurations for asynchronous invocation for a function. */
  ListFunctionEventInvokeConfigs: {
    input: ListFunctionEventInvokeConfigsRequest;
    output: ListFunctionEventInvokeConfigsResponse;
  };
  /** Returns a list of Lambda function URLs for the specified function. */
  ListFunctionUrlConfigs: { input: ListFunctionUrlConfigsRequest; output: ListFunctionUrlConfigsResponse };
  /** Returns a list of function versions that are configured to use a specific capacity provider. */
  ListFunctionVersionsByCapacityProvider: {
    input: ListFunctionVersionsByCapacityProviderRequest;
    output: ListFunctionVersionsByCapacityProviderResponse;
  };
  /** Returns a list of Lambda functions, with the version-specific configuration of each. Lambda returns up to 50 functions per call. */
  ListFunctions: { input: ListFunctionsRequest; output: ListFunctionsResponse };
  /** List the functions that use the specified code signing configuration. */
  ListFunctionsByCodeSigningConfig: {
    input: ListFunctionsByCodeSigningConfigRequest;
    output: ListFunctionsByCodeSigningConfigResponse;
  };
  /** Lists the versions of an Lambda layer. */
  ListLayerVersions: { input: ListLayerVersionsRequest; output: ListLayerVersionsResponse };
  /** Lists Lambda layers and shows information about the latest version of each. */
  ListLayers: { input: ListLayersRequest; output: ListLayersResponse };
  /** Retrieves a list of provisioned concurrency configurations for a function. */
  ListProvisionedConcurrencyConfigs: {
    input: ListProvisionedConcurrencyConfigsRequest;
    output: ListProvisionedConcurrencyConfigsResponse;
  };
  /** Returns a function, event source mapping, or code signing configuration's tags. You can also view function tags with GetFunction. */
  ListTags: { input: ListTagsRequest; output: ListTagsResponse };
  /** Returns a list of versions, with the version-specific configuration of each. Lambda returns up to 50 versions per call. */
  ListVersionsByFunction: { input: ListVersionsByFunctionRequest; output: ListVersionsByFunctionResponse };
  /** Creates an Lambda layer from a ZIP archive. Each time you call PublishLayerVersion with the same layer name, a new version is created. */
  PublishLayerVersion: { input: PublishLayerVersionRequest; output: PublishLayerVersionResponse };
  /** Creates a version from the current code and configuration of a function. */
  PublishVersion: { input: PublishVersionRequest; output: FunctionConfiguration };
  /** Update the code signing configuration for the function. */
  PutFunctionCodeSigningConfig: {
    input: PutFunctionCodeSigningConfigRequest;
    output: PutFunctionCodeSigningConfigResponse;
  };
  /** Sets the maximum number of simultaneous executions for a function, and reserves capacity for that concurrency level. */
  PutFunctionConcurrency: { input: PutFunctionConcurrencyRequest; output: Concurrency };
  /** Configures options for asynchronous invocation on a function, version, or alias. */
  PutFunctionEventInvokeConfig: { input: PutFunctionEventInvokeConfigRequest; output: FunctionEventInvokeConfig };
  /** Sets your function's recursive loop detection configuration. */
  PutFunctionRecursionConfig: { input: PutFunctionRecursionConfigRequest; output: PutFunctionRecursionConfigResponse };
  /** Sets the scaling configuration for a Lambda Managed Instances function. */
  PutFunctionScalingConfig: { input: PutFunctionScalingConfigRequest; output: PutFunctionScalingConfigResponse };
  /** Adds a provisioned concurrency configuration to a function's alias or version. */
  PutProvisionedConcurrencyConfig: {
    input: PutProvisionedConcurrencyConfigRequest;
    output: PutProvisionedConcurrencyConfigResponse;
  };
  /** Sets the runtime management configuration for a function's version. For more information, see Runtime updates. */
  PutRuntimeManagementConfig: { input: PutRuntimeManagementConfigRequest; output: PutRuntimeManagementConfigResponse };
  /** Removes a statement from the permissions policy for a version of an Lambda layer. For more information, see AddLayerVersionPermission. */
  RemoveLayerVersionPermission: { input: RemoveLayerVersionPermissionRequest; output: void };
  /** Revokes function-use permission from an Amazon Web Services service or another Amazon Web Services account. */
  RemovePermission: { input: RemovePermissionRequest; output: void };
  /** Sends a failure response for a callback operation in a durable execution. */
  SendDurableExecutionCallbackFailure: {
    input: SendDurableExecutionCallbackFailureRequest;
    output: SendDurableExecutionCallbackFailureResponse;
  };
  /** Sends a heartbeat signal for a long-running callback operation to prevent timeout. */
  SendDurableExecutionCallbackHeartbeat: {
    input: SendDurableExecutionCallbackHeartbeatRequest;
    output: SendDurableExecutionCallbackHeartbeatResponse;
  };
  /** Sends a successful completion response for a callback operation in a durable execution. */
  SendDurableExecutionCallbackSuccess: {
    input: SendDurableExecutionCallbackSuccessRequest;
    output: SendDurableExecutionCallbackSuccessResponse;
  };
  /** Stops a running durable execution. The execution transitions to STOPPED status and cannot be resumed. Any in-progress operations are terminated. */
  StopDurableExecution: { input: StopDurableExecutionRequest; output: StopDurableExecutionResponse };
  /** Adds tags to a function, event source mapping, or code signing configuration. */
  TagResource: { input: TagResourceRequest; output: void };
  /** Removes tags from a function, event source mapping, or code signing configuration. */
  UntagResource: { input: UntagResourceRequest; output: void };
  /** Updates the configuration of a Lambda function alias. */
  UpdateAlias: { input: UpdateAliasRequest; output: AliasConfiguration };
  /** Updates the configuration of an existing capacity provider. */
  UpdateCapacityProvider: { input: UpdateCapacityProviderRequest; output: UpdateCapacityProviderResponse };
  /** Update the code signing configuration. */
  UpdateCodeSigningConfig: { input: UpdateCodeSigningConfigRequest; output: UpdateCodeSigningConfigResponse };
  /** Updates an event source mapping. You can change the function that Lambda invokes, or pause invocation and resume later from the same location. */
  UpdateEventSourceMapping: { input: UpdateEventSourceMappingRequest; output: EventSourceMappingConfiguration };
  /** Updates a Lambda function's code. */
  UpdateFunctionCode: { input: UpdateFunctionCodeRequest; output: FunctionConfiguration };
  /** Modify the version-specific settings of a Lambda function. */
  UpdateFunctionConfiguration: { input: UpdateFunctionConfigurationRequest; output: FunctionConfiguration };
  /** Updates the configuration for asynchronous invocation for a function, version, or alias. */
  UpdateFunctionEventInvokeConfig: { input: UpdateFunctionEventInvokeConfigRequest; output: FunctionEventInvokeConfig };
  /** Updates the configuration for a Lambda function URL. */
  UpdateFunctionUrlConfig: { input: UpdateFunctionUrlConfigRequest; output: UpdateFunctionUrlConfigResponse };
}
