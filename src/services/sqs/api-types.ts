// Generated from models/sqs/service-2.json (API version 2012-11-05) by scripts/gen-api-types.mjs. Do not edit.
// Regenerate with: node scripts/gen-api-types.mjs sqs

export interface AddPermissionRequest {
  /** The URL of the Amazon SQS queue to which permissions are added. */
  QueueUrl: string;
  /** The unique identification of the permission you're setting (for example, AliceSendMessage). */
  Label: string;
  /** The Amazon Web Services account numbers of the principals who are to receive permission. */
  AWSAccountIds: string[];
  /** The action the client wants to allow for the specified principal. Valid values: the name of any action or *. */
  Actions: string[];
}

/** Error shape. Two or more batch entries in the request have the same Id. */
export interface BatchEntryIdsNotDistinct {
  message?: string;
}

/** Error shape. The length of all the messages put together is more than the limit. */
export interface BatchRequestTooLong {
  message?: string;
}

/** Gives a detailed description of the result of an action on each entry in the request. */
export interface BatchResultErrorEntry {
  /** The Id of an entry in a batch request. */
  Id: string;
  /** Specifies whether the error happened due to the caller of the batch API action. */
  SenderFault: boolean;
  /** An error code representing why the action failed on this entry. */
  Code: string;
  /** A message explaining why the action failed on this entry. */
  Message?: string;
}

export interface CancelMessageMoveTaskRequest {
  /** An identifier associated with a message movement task. */
  TaskHandle: string;
}

export interface CancelMessageMoveTaskResult {
  /** The approximate number of messages already moved to the destination queue. */
  ApproximateNumberOfMessagesMoved?: number;
}

export interface ChangeMessageVisibilityBatchRequest {
  /** The URL of the Amazon SQS queue whose messages' visibility is changed. */
  QueueUrl: string;
  /** Lists the receipt handles of the messages for which the visibility timeout must be changed. */
  Entries: ChangeMessageVisibilityBatchRequestEntry[];
}

/** Encloses a receipt handle and an entry ID for each message in ChangeMessageVisibilityBatch. */
export interface ChangeMessageVisibilityBatchRequestEntry {
  /** An identifier for this particular receipt handle used to communicate the result. */
  Id: string;
  /** A receipt handle. */
  ReceiptHandle: string;
  /** The new value (in seconds) for the message's visibility timeout. */
  VisibilityTimeout?: number;
}

/** For each message in the batch, the response contains a ChangeMessageVisibilityBatchResultEntry tag if the message succeeds or a BatchResultErrorEntry tag if… */
export interface ChangeMessageVisibilityBatchResult {
  /** A list of ChangeMessageVisibilityBatchResultEntry items. */
  Successful: ChangeMessageVisibilityBatchResultEntry[];
  /** A list of BatchResultErrorEntry items. */
  Failed: BatchResultErrorEntry[];
}

/** Encloses the Id of an entry in ChangeMessageVisibilityBatch. */
export interface ChangeMessageVisibilityBatchResultEntry {
  /** Represents a message whose visibility timeout has been changed successfully. */
  Id: string;
}

export interface ChangeMessageVisibilityRequest {
  /** The URL of the Amazon SQS queue whose message's visibility is changed. */
  QueueUrl: string;
  /** The receipt handle associated with the message, whose visibility timeout is changed. This parameter is returned by the ReceiveMessage action. */
  ReceiptHandle: string;
  /** The new value for the message's visibility timeout (in seconds). Values range: 0 to 43200. Maximum: 12 hours. */
  VisibilityTimeout: number;
}

export interface CreateQueueRequest {
  /** The name of the new queue. The following limits apply to this name: */
  QueueName: string;
  /** A map of attributes with their corresponding values. */
  Attributes?: Record<string, string>;
  /** Add cost allocation tags to the specified Amazon SQS queue. For an overview, see Tagging Your Amazon SQS Queues in the Amazon SQS Developer Guide. */
  tags?: Record<string, string>;
}

/** Returns the QueueUrl attribute of the created queue. */
export interface CreateQueueResult {
  /** The URL of the created Amazon SQS queue. */
  QueueUrl?: string;
}

export interface DeleteMessageBatchRequest {
  /** The URL of the Amazon SQS queue from which messages are deleted. */
  QueueUrl: string;
  /** Lists the receipt handles for the messages to be deleted. */
  Entries: DeleteMessageBatchRequestEntry[];
}

/** Encloses a receipt handle and an identifier for it. */
export interface DeleteMessageBatchRequestEntry {
  /** The identifier for this particular receipt handle. This is used to communicate the result. */
  Id: string;
  /** A receipt handle. */
  ReceiptHandle: string;
}

/** For each message in the batch, the response contains a DeleteMessageBatchResultEntry tag if the message is deleted or a BatchResultErrorEntry tag if the… */
export interface DeleteMessageBatchResult {
  /** A list of DeleteMessageBatchResultEntry items. */
  Successful: DeleteMessageBatchResultEntry[];
  /** A list of BatchResultErrorEntry items. */
  Failed: BatchResultErrorEntry[];
}

/** Encloses the Id of an entry in DeleteMessageBatch. */
export interface DeleteMessageBatchResultEntry {
  /** Represents a successfully deleted message. */
  Id: string;
}

export interface DeleteMessageRequest {
  /** The URL of the Amazon SQS queue from which messages are deleted. */
  QueueUrl: string;
  /** The receipt handle associated with the message to delete. */
  ReceiptHandle: string;
}

export interface DeleteQueueRequest {
  /** The URL of the Amazon SQS queue to delete. */
  QueueUrl: string;
}

/** Error shape. The batch request doesn't contain any entries. */
export interface EmptyBatchRequest {
  message?: string;
}

export interface GetQueueAttributesRequest {
  /** The URL of the Amazon SQS queue whose attribute information is retrieved. */
  QueueUrl: string;
  /** A list of attributes for which to retrieve information. */
  AttributeNames?: QueueAttributeName[];
}

/** A list of returned queue attributes. */
export interface GetQueueAttributesResult {
  /** A map of attributes to their respective values. */
  Attributes?: Record<string, string>;
}

/** Retrieves the URL of an existing queue based on its name and, optionally, the Amazon Web Services account ID. */
export interface GetQueueUrlRequest {
  /** (Required) The name of the queue for which you want to fetch the URL. */
  QueueName: string;
  /** (Optional) The Amazon Web Services account ID of the account that created the queue. */
  QueueOwnerAWSAccountId?: string;
}

/** For more information, see Interpreting Responses in the Amazon SQS Developer Guide. */
export interface GetQueueUrlResult {
  /** The URL of the queue. */
  QueueUrl?: string;
}

/** Error shape. The specified ID is invalid. */
export interface InvalidAddress {
  message?: string;
}

/** Error shape. The specified attribute doesn't exist. */
export interface InvalidAttributeName {
  message?: string;
}

/** Error shape. A queue attribute value is invalid. */
export interface InvalidAttributeValue {
  message?: string;
}

/** Error shape. The Id of a batch entry in a batch request doesn't abide by the specification. */
export interface InvalidBatchEntryId {
  message?: string;
}

/** @deprecated Error shape. The specified receipt handle isn't valid for the current version. */
export interface InvalidIdFormat {}

/** Error shape. The message contains characters outside the allowed set. */
export interface InvalidMessageContents {
  message?: string;
}

/** Error shape. The request was not made over HTTPS or did not use SigV4 for signing. */
export interface InvalidSecurity {
  message?: string;
}

/** Error shape. The caller doesn't have the required KMS access. */
export interface KmsAccessDenied {
  message?: string;
}

/** Error shape. The request was denied due to request throttling. */
export interface KmsDisabled {
  message?: string;
}

/** Error shape. The request was rejected for one of the following reasons: */
export interface KmsInvalidKeyUsage {
  message?: string;
}

/** Error shape. The request was rejected because the state of the specified resource is not valid for this request. */
export interface KmsInvalidState {
  message?: string;
}

/** Error shape. The request was rejected because the specified entity or resource could not be found. */
export interface KmsNotFound {
  message?: string;
}

/** Error shape. The request was rejected because the specified key policy isn't syntactically or semantically correct. */
export interface KmsOptInRequired {
  message?: string;
}

/** Error shape. Amazon Web Services KMS throttles requests for the following conditions. */
export interface KmsThrottled {
  message?: string;
}

export interface ListDeadLetterSourceQueuesRequest {
  /** The URL of a dead-letter queue. */
  QueueUrl: string;
  /** Pagination token to request the next set of results. */
  NextToken?: string;
  /** Maximum number of results to include in the response. Value range is 1 to 1000. You must set MaxResults to receive a value for NextToken in the response. */
  MaxResults?: number;
}

/** A list of your dead letter source queues. */
export interface ListDeadLetterSourceQueuesResult {
  /** A list of source queue URLs that have the RedrivePolicy queue attribute configured with a dead-letter queue. */
  queueUrls: string[];
  /** Pagination token to include in the next request. */
  NextToken?: string;
}

export interface ListMessageMoveTasksRequest {
  /** The ARN of the queue whose message movement tasks are to be listed. */
  SourceArn: string;
  /** The maximum number of results to include in the response. The default is 1, which provides the most recent message movement task. The upper limit is 10. */
  MaxResults?: number;
}

export interface ListMessageMoveTasksResult {
  /** A list of message movement tasks and their attributes. */
  Results?: ListMessageMoveTasksResultEntry[];
}

/** Contains the details of a message movement task. */
export interface ListMessageMoveTasksResultEntry {
  /** An identifier associated with a message movement task. */
  TaskHandle?: string;
  /** The status of the message movement task. Possible values are: RUNNING, COMPLETED, CANCELLING, CANCELLED, and FAILED. */
  Status?: string;
  /** The ARN of the queue that contains the messages to be moved to another queue. */
  SourceArn?: string;
  /** The ARN of the destination queue if it has been specified in the StartMessageMoveTask request. */
  DestinationArn?: string;
  /** The number of messages to be moved per second (the message movement rate), if it has been specified in the StartMessageMoveTask request. */
  MaxNumberOfMessagesPerSecond?: number;
  /** The approximate number of messages already moved to the destination queue. */
  ApproximateNumberOfMessagesMoved?: number;
  /** The number of messages to be moved from the source queue. */
  ApproximateNumberOfMessagesToMove?: number;
  /** The task failure reason (only included if the task status is FAILED). */
  FailureReason?: string;
  /** The timestamp of starting the message movement task. */
  StartedTimestamp?: number;
}

export interface ListQueueTagsRequest {
  /** The URL of the queue. */
  QueueUrl: string;
}

export interface ListQueueTagsResult {
  /** The list of all tags added to the specified queue. */
  Tags?: Record<string, string>;
}

export interface ListQueuesRequest {
  /** A string to use for filtering the list results. Only those queues whose name begins with the specified string are returned. */
  QueueNamePrefix?: string;
  /** Pagination token to request the next set of results. */
  NextToken?: string;
  /** Maximum number of results to include in the response. Value range is 1 to 1000. You must set MaxResults to receive a value for NextToken in the response. */
  MaxResults?: number;
}

/** A list of your queues. */
export interface ListQueuesResult {
  /** A list of queue URLs, up to 1,000 entries, or the value of MaxResults that you sent in the request. */
  QueueUrls?: string[];
  /** Pagination token to include in the next request. */
  NextToken?: string;
}

/** An Amazon SQS message. */
export interface Message {
  /** A unique identifier for the message. A MessageIdis considered unique across all Amazon Web Services accounts for an extended period of time. */
  MessageId?: string;
  /** An identifier associated with the act of receiving the message. */
  ReceiptHandle?: string;
  /** An MD5 digest of the non-URL-encoded message body string. */
  MD5OfBody?: string;
  /** The message's contents (not URL-encoded). */
  Body?: string;
  /** A map of the attributes requested in ReceiveMessage to their respective values. Supported attributes: */
  Attributes?: Record<string, string>;
  /** An MD5 digest of the non-URL-encoded message attribute string. */
  MD5OfMessageAttributes?: string;
  /** Each message attribute consists of a Name, Type, and Value. For more information, see Amazon SQS message attributes in the Amazon SQS Developer Guide. */
  MessageAttributes?: Record<string, MessageAttributeValue>;
}

/** The user-specified message attribute value. */
export interface MessageAttributeValue {
  /** Strings are Unicode with UTF-8 binary encoding. For a list of code values, see ASCII Printable Characters. */
  StringValue?: string;
  /** Binary type attributes can store any binary data, such as compressed data, encrypted data, or images. */
  BinaryValue?: Buffer;
  /** Not implemented. Reserved for future use. */
  StringListValues?: string[];
  /** Not implemented. Reserved for future use. */
  BinaryListValues?: Buffer[];
  /** Amazon SQS supports the following logical data types: String, Number, and Binary. For the Number data type, you must use StringValue. */
  DataType: string;
}

/** Error shape. The specified message isn't in flight. */
export interface MessageNotInflight {}

export type MessageSystemAttributeName =
  | 'All'
  | 'SenderId'
  | 'SentTimestamp'
  | 'ApproximateReceiveCount'
  | 'ApproximateFirstReceiveTimestamp'
  | 'SequenceNumber'
  | 'MessageDeduplicationId'
  | 'MessageGroupId'
  | 'AWSTraceHeader'
  | 'DeadLetterQueueSourceArn';
export const MessageSystemAttributeNameValues = [
  'All',
  'SenderId',
  'SentTimestamp',
  'ApproximateReceiveCount',
  'ApproximateFirstReceiveTimestamp',
  'SequenceNumber',
  'MessageDeduplicationId',
  'MessageGroupId',
  'AWSTraceHeader',
  'DeadLetterQueueSourceArn',
] as const;

export type MessageSystemAttributeNameForSends = 'AWSTraceHeader';
export const MessageSystemAttributeNameForSendsValues = ['AWSTraceHeader'] as const;

/** The user-specified message system attribute value. */
export interface MessageSystemAttributeValue {
  /** Strings are Unicode with UTF-8 binary encoding. For a list of code values, see ASCII Printable Characters. */
  StringValue?: string;
  /** Binary type attributes can store any binary data, such as compressed data, encrypted data, or images. */
  BinaryValue?: Buffer;
  /** Not implemented. Reserved for future use. */
  StringListValues?: string[];
  /** Not implemented. Reserved for future use. */
  BinaryListValues?: Buffer[];
  /** Amazon SQS supports the following logical data types: String, Number, and Binary. For the Number data type, you must use StringValue. */
  DataType: string;
}

/** Error shape. The specified action violates a limit. */
export interface OverLimit {
  message?: string;
}

/** Error shape. Indicates that the specified queue previously received a PurgeQueue request within the last 60 seconds (the time it can take to delete the messages in the… */
export interface PurgeQueueInProgress {
  message?: string;
}

export interface PurgeQueueRequest {
  /** The URL of the queue from which the PurgeQueue action deletes messages. */
  QueueUrl: string;
}

export type QueueAttributeName =
  | 'All'
  | 'Policy'
  | 'VisibilityTimeout'
  | 'MaximumMessageSize'
  | 'MessageRetentionPeriod'
  | 'ApproximateNumberOfMessages'
  | 'ApproximateNumberOfMessagesNotVisible'
  | 'CreatedTimestamp'
  | 'LastModifiedTimestamp'
  | 'QueueArn'
  | 'ApproximateNumberOfMessagesDelayed'
  | 'DelaySeconds'
  | 'ReceiveMessageWaitTimeSeconds'
  | 'RedrivePolicy'
  | 'FifoQueue'
  | 'ContentBasedDeduplication'
  | 'KmsMasterKeyId'
  | 'KmsDataKeyReusePeriodSeconds'
  | 'DeduplicationScope'
  | 'FifoThroughputLimit'
  | 'RedriveAllowPolicy'
  | 'SqsManagedSseEnabled';
export const QueueAttributeNameValues = [
  'All',
  'Policy',
  'VisibilityTimeout',
  'MaximumMessageSize',
  'MessageRetentionPeriod',
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesNotVisible',
  'CreatedTimestamp',
  'LastModifiedTimestamp',
  'QueueArn',
  'ApproximateNumberOfMessagesDelayed',
  'DelaySeconds',
  'ReceiveMessageWaitTimeSeconds',
  'RedrivePolicy',
  'FifoQueue',
  'ContentBasedDeduplication',
  'KmsMasterKeyId',
  'KmsDataKeyReusePeriodSeconds',
  'DeduplicationScope',
  'FifoThroughputLimit',
  'RedriveAllowPolicy',
  'SqsManagedSseEnabled',
] as const;

/** Error shape. You must wait 60 seconds after deleting a queue before you can create another queue with the same name. */
export interface QueueDeletedRecently {
  message?: string;
}

/** Error shape. Ensure that the QueueUrl is correct and that the queue has not been deleted. */
export interface QueueDoesNotExist {
  message?: string;
}

/** Error shape. A queue with this name already exists. */
export interface QueueNameExists {
  message?: string;
}

/** Error shape. The specified receipt handle isn't valid. */
export interface ReceiptHandleIsInvalid {
  message?: string;
}

/** Retrieves one or more messages from a specified queue. */
export interface ReceiveMessageRequest {
  /** The URL of the Amazon SQS queue from which messages are received. */
  QueueUrl: string;
  /** @deprecated This parameter has been discontinued but will be supported for backward compatibility. */
  AttributeNames?: QueueAttributeName[];
  /** A list of attributes that need to be returned along with each message. These attributes include: */
  MessageSystemAttributeNames?: MessageSystemAttributeName[];
  /** The name of the message attribute, where N is the index. */
  MessageAttributeNames?: string[];
  /** The maximum number of messages to return. */
  MaxNumberOfMessages?: number;
  /** The duration (in seconds) that the received messages are hidden from subsequent retrieve requests after being retrieved by a ReceiveMessage request. */
  VisibilityTimeout?: number;
  /** The duration (in seconds) for which the call waits for a message to arrive in the queue before returning. */
  WaitTimeSeconds?: number;
  /** This parameter applies only to FIFO (first-in-first-out) queues. */
  ReceiveRequestAttemptId?: string;
}

/** A list of received messages. */
export interface ReceiveMessageResult {
  /** A list of messages. */
  Messages?: Message[];
}

export interface RemovePermissionRequest {
  /** The URL of the Amazon SQS queue from which permissions are removed. */
  QueueUrl: string;
  /** The identification of the permission to remove. This is the label added using the AddPermission action. */
  Label: string;
}

/** Error shape. The request was denied due to request throttling. */
export interface RequestThrottled {
  message?: string;
}

/** Error shape. One or more specified resources don't exist. */
export interface ResourceNotFoundException {
  message?: string;
}

export interface SendMessageBatchRequest {
  /** The URL of the Amazon SQS queue to which batched messages are sent. */
  QueueUrl: string;
  /** A list of SendMessageBatchRequestEntry items. */
  Entries: SendMessageBatchRequestEntry[];
}

/** Contains the details of a single Amazon SQS message along with an Id. */
export interface SendMessageBatchRequestEntry {
  /** An identifier for a message in this batch used to communicate the result. */
  Id: string;
  /** The body of the message. */
  MessageBody: string;
  /** The length of time, in seconds, for which a specific message is delayed. */
  DelaySeconds?: number;
  /** Each message attribute consists of a Name, Type, and Value. For more information, see Amazon SQS message attributes in the Amazon SQS Developer Guide. */
  MessageAttributes?: Record<string, MessageAttributeValue>;
  /** The message system attribute to send Each message system attribute consists of a Name, Type, and Value. */
  MessageSystemAttributes?: Record<string, MessageSystemAttributeValue>;
  /** This parameter applies only to FIFO (first-in-first-out) queues. */
  MessageDeduplicationId?: string;
  /** MessageGroupId is an attribute used in Amazon SQS FIFO (First-In-First-Out) and standard queues. */
  MessageGroupId?: string;
}

/** For each message in the batch, the response contains a SendMessageBatchResultEntry tag if the message succeeds or a BatchResultErrorEntry tag if the message… */
export interface SendMessageBatchResult {
  /** A list of SendMessageBatchResultEntry items. */
  Successful: SendMessageBatchResultEntry[];
  /** A list of BatchResultErrorEntry items with error details about each message that can't be enqueued. */
  Failed: BatchResultErrorEntry[];
}

/** Encloses a MessageId for a successfully-enqueued message in a SendMessageBatch. */
export interface SendMessageBatchResultEntry {
  /** An identifier for the message in this batch. */
  Id: string;
  /** An identifier for the message. */
  MessageId: string;
  /** An MD5 digest of the non-URL-encoded message body string. */
  MD5OfMessageBody: string;
  /** An MD5 digest of the non-URL-encoded message attribute string. */
  MD5OfMessageAttributes?: string;
  /** An MD5 digest of the non-URL-encoded message system attribute string. */
  MD5OfMessageSystemAttributes?: string;
  /** This parameter applies only to FIFO (first-in-first-out) queues. */
  SequenceNumber?: string;
}

export interface SendMessageRequest {
  /** The URL of the Amazon SQS queue to which a message is sent. */
  QueueUrl: string;
  /** The message to send. The minimum size is one character. The maximum size is 1 MiB or 1,048,576 bytes */
  MessageBody: string;
  /** The length of time, in seconds, for which to delay a specific message. */
  DelaySeconds?: number;
  /** Each message attribute consists of a Name, Type, and Value. For more information, see Amazon SQS message attributes in the Amazon SQS Developer Guide. */
  MessageAttributes?: Record<string, MessageAttributeValue>;
  /** The message system attribute to send. Each message system attribute consists of a Name, Type, and Value. */
  MessageSystemAttributes?: Record<string, MessageSystemAttributeValue>;
  /** This parameter applies only to FIFO (first-in-first-out) queues. */
  MessageDeduplicationId?: string;
  /** MessageGroupId is an attribute used in Amazon SQS FIFO (First-In-First-Out) and standard queues. */
  MessageGroupId?: string;
}

/** The MD5OfMessageBody and MessageId elements. */
export interface SendMessageResult {
  /** An MD5 digest of the non-URL-encoded message body string. */
  MD5OfMessageBody?: string;
  /** An MD5 digest of the non-URL-encoded message attribute string. */
  MD5OfMessageAttributes?: string;
  /** An MD5 digest of the non-URL-encoded message system attribute string. */
  MD5OfMessageSystemAttributes?: string;
  /** An attribute containing the MessageId of the message sent to the queue. */
  MessageId?: string;
  /** This parameter applies only to FIFO (first-in-first-out) queues. */
  SequenceNumber?: string;
}

export interface SetQueueAttributesRequest {
  /** The URL of the Amazon SQS queue whose attributes are set. */
  QueueUrl: string;
  /** A map of attributes to set. */
  Attributes: Record<string, string>;
}

export interface StartMessageMoveTaskRequest {
  /** The ARN of the queue that contains the messages to be moved to another queue. */
  SourceArn: string;
  /** The ARN of the queue that receives the moved messages. */
  DestinationArn?: string;
  /** The number of messages to be moved per second (the message movement rate). */
  MaxNumberOfMessagesPerSecond?: number;
}

export interface StartMessageMoveTaskResult {
  /** An identifier associated with a message movement task. */
  TaskHandle?: string;
}

export interface TagQueueRequest {
  /** The URL of the queue. */
  QueueUrl: string;
  /** The list of tags to be added to the specified queue. */
  Tags: Record<string, string>;
}

/** Error shape. The batch request contains more entries than permissible. */
export interface TooManyEntriesInBatchRequest {
  message?: string;
}

/** Error shape. Error code 400. Unsupported operation. */
export interface UnsupportedOperation {
  message?: string;
}

export interface UntagQueueRequest {
  /** The URL of the queue. */
  QueueUrl: string;
  /** The list of tags to be removed from the specified queue. */
  TagKeys: string[];
}

/** The SQS API operations in the model. */
export type OperationName =
  | 'AddPermission'
  | 'CancelMessageMoveTask'
  | 'ChangeMessageVisibility'
  | 'ChangeMessageVisibilityBatch'
  | 'CreateQueue'
  | 'DeleteMessage'
  | 'DeleteMessageBatch'
  | 'DeleteQueue'
  | 'GetQueueAttributes'
  | 'GetQueueUrl'
  | 'ListDeadLetterSourceQueues'
  | 'ListMessageMoveTasks'
  | 'ListQueueTags'
  | 'ListQueues'
  | 'PurgeQueue'
  | 'ReceiveMessage'
  | 'RemovePermission'
  | 'SendMessage'
  | 'SendMessageBatch'
  | 'SetQueueAttributes'
  | 'StartMessageMoveTask'
  | 'TagQueue'
  | 'UntagQueue';

/** Input and output type of each operation (`void`: the operation has no input / output shape). */
export interface Operations {
  /** Adds a permission to a queue for a specific principal. This allows sharing access to the queue. */
  AddPermission: { input: AddPermissionRequest; output: void };
  /** Cancels a specified message movement task. */
  CancelMessageMoveTask: { input: CancelMessageMoveTaskRequest; output: CancelMessageMoveTaskResult };
  /** Changes the visibility timeout of a specified message in a queue to a new value. */
  ChangeMessageVisibility: { input: ChangeMessageVisibilityRequest; output: void };
  /** Changes the visibility timeout of multiple messages. */
  ChangeMessageVisibilityBatch: {
    input: ChangeMessageVisibilityBatchRequest;
    output: ChangeMessageVisibilityBatchResult;
  };
  /** Creates a new standard or FIFO queue. You can pass one or more attributes in the request. Keep the following in mind: */
  CreateQueue: { input: CreateQueueRequest; output: CreateQueueResult };
  /** Deletes the specified message from the specified queue. */
  DeleteMessage: { input: DeleteMessageRequest; output: void };
  /** Deletes up to ten messages from the specified queue. */
  DeleteMessageBatch: { input: DeleteMessageBatchRequest; output: DeleteMessageBatchResult };
  /** Deletes the queue specified by the QueueUrl, regardless of the queue's contents. */
  DeleteQueue: { input: DeleteQueueRequest; output: void };
  /** Gets attributes for the specified queue. */
  GetQueueAttributes: { input: GetQueueAttributesRequest; output: GetQueueAttributesResult };
  /** The GetQueueUrl API returns the URL of an existing Amazon SQS queue. */
  GetQueueUrl: { input: GetQueueUrlRequest; output: GetQueueUrlResult };
  /** Returns a list of your queues that have the RedrivePolicy queue attribute configured with a dead-letter queue. */
  ListDeadLetterSourceQueues: { input: ListDeadLetterSourceQueuesRequest; output: ListDeadLetterSourceQueuesResult };
  /** Gets the most recent message movement tasks (up to 10) under a specific source queue. */
  ListMessageMoveTasks: { input: ListMessageMoveTasksRequest; output: ListMessageMoveTasksResult };
  /** List all cost allocation tags added to the specified Amazon SQS queue. For an overview, see Tagging Your Amazon SQS Queues in the Amazon SQS Developer Guide. */
  ListQueueTags: { input: ListQueueTagsRequest; output: ListQueueTagsResult };
  /** Returns a list of your queues in the current region. */
  ListQueues: { input: ListQueuesRequest; output: ListQueuesResult };
  /** Deletes available messages in a queue (including in-flight messages) specified by the QueueURL parameter. */
  PurgeQueue: { input: PurgeQueueRequest; output: void };
  /** Retrieves one or more messages (up to 10), from the specified queue. */
  ReceiveMessage: { input: ReceiveMessageRequest; output: ReceiveMessageResult };
  /** Revokes any permissions in the queue policy that matches the specified Label parameter. */
  RemovePermission: { input: RemovePermissionRequest; output: void };
  /** Delivers a message to the specified queue. */
  SendMessage: { input: SendMessageRequest; output: SendMessageResult };
  /** You can use SendMessageBatch to send up to 10 messages to the specified queue by assigning either identical or different values to each message (or by not… */
  SendMessageBatch: { input: SendMessageBatchRequest; output: SendMessageBatchResult };
  /** Sets the value of one or more queue attributes, like a policy. */
  SetQueueAttributes: { input: SetQueueAttributesRequest; output: void };
  /** Starts an asynchronous task to move messages from a specified source queue to a specified destination queue. */
  StartMessageMoveTask: { input: StartMessageMoveTaskRequest; output: StartMessageMoveTaskResult };
  /** Add cost allocation tags to the specified Amazon SQS queue. For an overview, see Tagging Your Amazon SQS Queues in the Amazon SQS Developer Guide. */
  TagQueue: { input: TagQueueRequest; output: void };
  /** Remove cost allocation tags from the specified Amazon SQS queue. For an overview, see Tagging Your Amazon SQS Queues in the Amazon SQS Developer Guide. */
  UntagQueue: { input: UntagQueueRequest; output: void };
}
