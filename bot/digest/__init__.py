"""What goes into whose digest and when: schedules in local time, content, rendering, building."""
