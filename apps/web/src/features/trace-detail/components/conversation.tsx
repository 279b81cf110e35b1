import type { ChatMessage } from "@loupe/schema";
import { JsonView, LongText } from "@/components/json-view";
import styles from "./conversation.module.css";

/** Chat messages as text: role, content, and any tool calls. Never rendered as HTML. */
export function Conversation({ messages, label }: { messages: ChatMessage[]; label: string }) {
  return (
    <ol className={styles.conversation} aria-label={label}>
      {messages.map((message, index) => (
        <li key={index} className={styles.message} data-role={message.role}>
          <div className={styles.role}>
            <span>{message.role}</span>
            {message.name ? <code>{message.name}</code> : null}
            {message.toolCallId ? <code>↩ {message.toolCallId}</code> : null}
          </div>
          {message.content !== null && message.content.length > 0 ? (
            <LongText
              text={message.content}
              label={`${message.role} message`}
              className={styles.content}
            />
          ) : message.toolCalls?.length ? null : (
            <p className={`${styles.content} ${styles.empty}`}>(no content)</p>
          )}
          {message.toolCalls?.map((call) => (
            <div key={call.id} className={styles.toolCall}>
              <div className={styles.toolCallName}>
                → {call.name} <span className="faint">({call.id})</span>
              </div>
              <JsonView value={call.arguments} label={`Arguments of ${call.name}`} />
            </div>
          ))}
        </li>
      ))}
    </ol>
  );
}
