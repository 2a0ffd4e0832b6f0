import { Alert, Button, Card, Descriptions, List, Progress, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { DuplicateCandidate, ScreeningSuggestion } from '../../api/screening';
import { ErrorAlert, Loading } from '../../components/common';
import { filterOutcome, REJECT_REASON, urgency } from '../../lib/labels';
import { placeName, unitName } from '../../lib/reference';
import { confidenceLabel } from '../../lib/intake';

interface Props {
  screening: {
    data?: ScreeningSuggestion;
    isFetching: boolean;
    error: unknown;
    fetchStatus: string;
  };
  onPickMatter(code: string): void;
  onPickPlace(streetId?: string, communityId?: string | null): void;
  onMerge(orderId: string): void;
}

/** The live suggestion: matter candidates, place, emergency words, the filter's verdict, duplicates. */
export function SuggestionPanel({ screening, onPickMatter, onPickPlace, onMerge }: Props) {
  const s = screening.data;
  return (
    <Card
      size="small"
      title="智能研判建议"
      className="suggestion-panel"
      aria-label="智能研判建议"
      aria-busy={screening.isFetching}
      extra={
        screening.isFetching ? <Typography.Text type="secondary">研判中…</Typography.Text> : null
      }
    >
      {screening.error ? (
        <ErrorAlert error={screening.error} title="研判建议暂不可用" />
      ) : !s ? (
        screening.isFetching ? (
          <Loading tip="研判中…" />
        ) : (
          <Typography.Text type="secondary">输入诉求内容后显示建议</Typography.Text>
        )
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          {s.emergency.isEmergency && (
            <Alert
              type="error"
              showIcon
              role="alert"
              message="紧急：可能危及生命安全，立即联动 110/120/119"
              description={
                <span className="evidence">
                  {s.emergency.words.map((w) => (
                    <Tag color="red" key={w}>
                      {w}
                    </Tag>
                  ))}
                </span>
              }
            />
          )}
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label="过滤结果">
              <Space direction="vertical" size={2}>
                <span>
                  <Tag color={s.filter.outcome === 'accept' ? 'green' : 'purple'}>
                    {filterOutcome(s.filter.outcome)}
                  </Tag>
                  {s.filter.reason && (
                    <span>{REJECT_REASON[s.filter.reason] ?? s.filter.reason}</span>
                  )}
                </span>
                {s.filter.evidence.length > 0 && (
                  <span className="evidence" aria-label="判定依据">
                    {s.filter.evidence.map((w) => (
                      <Tag key={w}>{w}</Tag>
                    ))}
                  </span>
                )}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label="建议紧急程度">{urgency(s.urgency)}</Descriptions.Item>
          </Descriptions>
          {s.knowledgeAnswer?.answer && (
            <Alert
              type="info"
              showIcon
              message={`知识库答复${s.knowledgeAnswer.question ? `：${s.knowledgeAnswer.question}` : ''}（请向来电人宣读）`}
              description={s.knowledgeAnswer.answer}
            />
          )}
          <section aria-label="事项类型候选">
            <List
              size="small"
              header={<b>事项类型候选</b>}
              dataSource={s.matter.candidates.slice(0, 3)}
              locale={{ emptyText: '未匹配到事项类型' }}
              renderItem={(c) => (
                <List.Item
                  actions={[
                    <Button key="pick" size="small" onClick={() => onPickMatter(c.matterTypeCode)}>
                      采用
                    </Button>,
                  ]}
                >
                  <Space direction="vertical" size={0} style={{ width: '100%' }}>
                    <span>
                      {c.name}（{c.matterTypeCode}）
                      {c.leadUnitId ? ` → ${unitName(c.leadUnitId)}` : ''}
                    </span>
                    <Progress
                      percent={Math.round(c.confidence * 100)}
                      // A far second candidate reads "<1%", not a flat "0%" that looks like a fault.
                      format={() => confidenceLabel(c.confidence)}
                      size="small"
                      aria-label="置信度"
                    />
                    <span className="evidence">
                      {c.evidence.map((w) => (
                        <Tag key={w}>{w}</Tag>
                      ))}
                    </span>
                  </Space>
                </List.Item>
              )}
            />
          </section>
          <section aria-label="地点候选">
            <List
              size="small"
              header={<b>地点候选</b>}
              dataSource={
                s.place.resolved ? [s.place.resolved, ...s.place.candidates] : s.place.candidates
              }
              locale={{ emptyText: '未识别地点' }}
              renderItem={(p, i) => (
                <List.Item
                  actions={[
                    <Button
                      key="pick"
                      size="small"
                      onClick={() => onPickPlace(p.streetId, p.communityId)}
                    >
                      采用
                    </Button>,
                  ]}
                >
                  {i === 0 && s.place.resolved ? <Tag color="green">已定位</Tag> : null}
                  {p.label ?? [placeName(p.streetId), placeName(p.communityId)].join(' ')}
                </List.Item>
              )}
            />
          </section>
          {s.duplicates.length > 0 && (
            <section aria-label="疑似重复工单">
              <List
                size="small"
                header={<b>疑似重复工单（可并单）</b>}
                dataSource={s.duplicates}
                renderItem={(d) => (
                  <List.Item
                    actions={[
                      <Button key="merge" size="small" onClick={() => onMerge(d.orderId)}>
                        并单
                      </Button>,
                    ]}
                  >
                    <Link to={`/orders/${d.orderId}`}>{d.orderId}</Link> {duplicateReason(d)}
                  </List.Item>
                )}
              />
            </section>
          )}
        </Space>
      )}
    </Card>
  );
}

/** Why an order looks like the same matter: what the API says it shares with this call. */
export function duplicateReason(d: DuplicateCandidate): string {
  const why = [
    d.refersBack && '来电人提及此前诉求',
    d.sameMatter && '同一事项',
    d.samePlace && '同一地点',
  ].filter(Boolean);
  return why.length ? why.join('、') : '同一来电人近期工单';
}
